import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../src/core/audit-chain.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { type Caller, type TestApp, makeOrganization, signedInCaller } from './app.ts';

/**
 * A document row for an organization, written straight into `documents` (membership only needs the
 * metadata to exist; the upload path is the registry's and is tested there).
 */
export async function insertTestDocument(t: TestApp, organizationId: string, title = 'Localization plan'): Promise<string> {
  const id = uuidv7();
  const bytes = randomBytes(32);
  await t.database.db
    .insertInto('documents')
    .values({
      id,
      organization_id: organizationId,
      document_type: 'localization_plan',
      title,
      file_name: 'plan.pdf',
      content_type: 'application/pdf',
      size_bytes: BigInt(bytes.length),
      sha256: sha256Hex(bytes),
      uploaded_by: null,
      created_at: new Date(),
    })
    .execute();
  return id;
}

/** A complete localization plan, ready to submit. */
export function completePlan(documentIds: string[]) {
  return {
    siteOblast: 'UA-63',
    siteCity: 'Харків',
    investmentMinor: 125_000_000_00,
    investmentCurrency: 'EUR',
    jobs: 140,
    capabilities: ['uav.fpv', 'electronic_warfare'],
    plannedStart: '2027-03-01',
    planSummary: 'Assembly line for FPV drones with a Ukrainian partner.\nSecond line for EW modules in 2028.',
    documentIds,
  };
}

/** A company organization with a signed-in company user and one uploaded document. */
export async function makeApplicant(t: TestApp, name?: string): Promise<{ organizationId: string; user: Caller; documentId: string }> {
  const organization = await makeOrganization(t, name);
  const user = await signedInCaller(t, ['company'], { organizationId: organization.id });
  const documentId = await insertTestDocument(t, organization.id);
  return { organizationId: organization.id, user, documentId };
}

/** Sends a membership action and returns the response. */
export function act(t: TestApp, caller: Caller, id: string, body: { action: string; version: number; reason?: string }, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/membership/applications/${id}/transitions`, headers: { ...caller.headers, ...headers }, payload: body });
}
