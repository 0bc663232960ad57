import { expect } from 'vitest';
import { parseIdentifier } from '../../src/modules/registry/identifiers.ts';
import { type Caller, type TestApp, makeOrganization, signedInCaller } from './app.ts';
import { insertTestDocument } from './membership.ts';

// Residents of the special economic regime through the HTTP API, for tests that need residents
// without testing the regime's workflow itself (regime.test.ts does that).

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** Figures that pass the default rules. */
export const PASSING_REGIME_FIGURES = {
  fiscalYear: 2025,
  currency: 'UAH',
  revenueMinor: 400_000_000_00,
  qualifiedDefenseIncomeMinor: 300_000_000_00,
  employees: 120,
  averageMonthlyWageMinor: 32_000_00,
  stateOwnershipPct: 0,
  localContentPct: 64.5,
  investmentMinor: 50_000_000_00,
  reinvestedProfitMinor: 20_000_000_00,
  landTaxMinor: 1_000_000_00,
  propertyTaxMinor: 2_500_000_00,
  environmentalTaxMinor: 333_33,
};

let edrCounter = 2_000_000;
/** A fresh EDRPOU code with a valid check digit. */
export function freshEdrpou() {
  const stem = String(++edrCounter + 3_000_000);
  for (let digit = 0; digit <= 9; digit++) {
    const parsed = parseIdentifier(`UA-EDR-${stem}${digit}`);
    if (parsed.ok) return { scheme: parsed.scheme, value: parsed.value, identifier: parsed.identifier };
  }
  throw new Error(`no check digit for ${stem}`);
}

let idempotencyKeys = 0;

/** Calls the API (signed in or anonymously) and insists on the status; the JSON answer. */
export function regimeClient(t: TestApp, keyPrefix: string) {
  return async function call(caller: Caller | null, method: Method, url: string, payload?: unknown, status = 200) {
    const headers = caller ? (method === 'GET' ? { cookie: caller.cookie } : { ...caller.headers, 'idempotency-key': `${keyPrefix}-${++idempotencyKeys}` }) : {};
    const response = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return response.json();
  };
}

/**
 * A Ukrainian company (a confirmed identifier, a disclosed owner, an auditor's report, a website and a
 * production address) that applies and is granted residency by the officer. The resident as staff see it.
 */
export async function grantedResident(t: TestApp, officer: Caller, name: string, options: { capabilities?: string[] } = {}) {
  const api = regimeClient(t, `resident-${name}`);
  const organization = await makeOrganization(t, name, {
    identifiers: [freshEdrpou()] as never,
    website: 'https://example.com.ua',
    addresses: [{ type: 'production', street: 'вул. Сумська, 1', city: 'Харків', region: 'UA-63', country: 'UA' }] as never,
    capabilities: options.capabilities ?? [],
  });
  await api(officer, 'POST', `/api/v1/organizations/${organization.id}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: `${name} Owner`, script: 'Latn' }], nationalities: ['UA'] } }, sharePercent: 100 }, 201);
  const user = await signedInCaller(t, ['company'], { organizationId: organization.id });
  const documentId = await insertTestDocument(t, organization.id, "Auditor's report 2025");
  const draft = await api(user, 'POST', '/api/v1/regime/applications', { figures: PASSING_REGIME_FIGURES, auditorReportDocumentId: documentId }, 201);
  const submitted = await api(user, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'submit', version: draft.version });
  const granted = await api(officer, 'POST', `/api/v1/regime/applications/${submitted.id}/transitions`, { action: 'grant', version: submitted.version });
  const resident = await api(officer, 'GET', `/api/v1/regime/residents/${granted.residentId}`);
  return { organizationId: organization.id, user, resident: resident as { id: string; version: number; certificateId: string; status: string } };
}
