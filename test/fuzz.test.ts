import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/access.ts';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from './support/app.ts';
import { databaseChecksum, installWriteCounter, writeCount } from './support/db-checksum.ts';

// Garbage for every route in the OpenAPI document: new routes are covered without touching this file.
// Each answer must be a 2xx or a problem+json 4xx, never 5xx, and a 4xx must leave the database as it was.

const RUNS_PER_ROUTE = Number(process.env.ADI_FUZZ_RUNS ?? 100);
/** While working on one module: only the paths that contain this text (CI fuzzes every route). */
const ONLY_PATHS = process.env.ADI_FUZZ_PATHS;

let t: TestApp;
let admin: Caller;
/** One signed-in user per role (the company user linked to an organization): garbage is sent as each. */
const FUZZED_ROLES = ['admin', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor', 'company'] as const satisfies readonly Role[];
const callers: Partial<Record<Role, Caller>> = {};
let operations: Array<{ method: string; path: string; operation: OpenApiOperation }> = [];

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInCaller(t, ['admin']);
  for (const role of FUZZED_ROLES) {
    callers[role] = role === 'admin' ? admin : await signedInCaller(t, [role], role === 'company' ? { organizationId: (await makeOrganization(t, 'Fuzzed Company')).id } : {});
  }
  await installWriteCounter(t.database.db);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  operations = Object.entries(doc.paths).filter(([path]) => !ONLY_PATHS || path.includes(ONLY_PATHS)).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
});
afterAll(async () => t?.close());

const nastyStrings = fc.constantFrom(
  "'; drop table users; --",
  "' or '1'='1",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  '𝕏'.repeat(500),
  'a'.repeat(70_000),
  '',
  ' ',
  'null',
  'undefined',
  '-1',
  '1e309',
  'NaN',
  '%00',
  '{"$ne": null}',
  '01900000-0000-7000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
);
const anyString = fc.oneof(nastyStrings, fc.string(), fc.string({ unit: 'binary', maxLength: 50 }));
const boundaryNumbers = fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 0.1, Number.MIN_VALUE);
const leaf = fc.oneof(anyString, boundaryNumbers, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(leaf, fc.array(leaf, { maxLength: 5 }), fc.dictionary(anyString, leaf, { maxKeys: 5 }));

/** Percent-encodes a path segment; an unpaired surrogate becomes bytes that are not valid UTF-8. */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function bodyArbitrary(operation: OpenApiOperation) {
  const properties = Object.keys(operation.requestBody?.content?.['application/json']?.schema?.properties ?? {});
  const shaped = properties.length
    ? fc.record(Object.fromEntries(properties.map((p) => [p, anyValue])), { requiredKeys: [] }).chain((body) =>
        fc.oneof(fc.constant(body), anyString.map((extra) => ({ ...body, [extra.slice(0, 30) || 'extra']: 1 }))),
      )
    : fc.constant({});
  return fc.oneof(
    shaped.map((body) => ({ kind: 'json' as const, text: JSON.stringify(body) })),
    fc.jsonValue().map((value) => ({ kind: 'json' as const, text: JSON.stringify(value) })),
    fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}').map((text) => ({ kind: 'json' as const, text })),
    anyString.map((text) => ({ kind: 'text' as const, text })),
    fc.constant({ kind: 'none' as const, text: '' }),
  );
}

function requestArbitrary(op: { method: string; path: string; operation: OpenApiOperation }) {
  const pathParams = (op.path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
  const queryNames = (op.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  return fc.record({
    params: fc.tuple(...pathParams.map(() => fc.oneof(fc.uuid(), anyString))),
    query: fc.dictionary(fc.oneof(fc.constantFrom(...(queryNames.length ? queryNames : ['x'])), anyString), anyString, { maxKeys: 4 }),
    body: bodyArbitrary(op.operation),
    caller: fc.constantFrom<(typeof FUZZED_ROLES)[number] | 'anonymous' | 'admin-without-csrf'>(...FUZZED_ROLES, 'anonymous', 'admin-without-csrf'),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
  });
}

describe('bad input at every route in the OpenAPI document', () => {
  it('finds the API routes to fuzz', () => {
    expect(operations.length).toBeGreaterThanOrEqual(ONLY_PATHS ? 1 : 15);
  });

  // The digest of the database and the write count it was taken at. While the count stands still the
  // digest holds, so most requests cost one tiny query instead of two full digests; when anything was
  // written (even rolled back), the full digest decides.
  let known: string | null = null;
  let knownAt = '';
  it('answers generated garbage with 2xx or problem+json 4xx, never 5xx, and a 4xx writes nothing', { timeout: 1_800_000 }, async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op), async (input) => {
          let url = op.path;
          (op.path.match(/\{(\w+)\}/g) ?? []).forEach((placeholder, i) => {
            url = url.replace(placeholder, encodePathSegment(String(input.params[i] ?? '')) || 'x');
          });
          const query = new URLSearchParams(Object.entries(input.query) as Array<[string, string]>).toString();
          if (query) url += `?${query}`;
          // Signing out would end a session the rest of the run uses: send it without the CSRF token.
          const caller = op.path === '/api/v1/auth/logout' && input.caller !== 'anonymous' ? 'admin-without-csrf' : input.caller;
          const headers: Record<string, string> = {};
          if (caller === 'admin-without-csrf') headers.cookie = admin.cookie;
          else if (caller !== 'anonymous') {
            const who = callers[caller]!;
            headers.cookie = who.cookie;
            headers['x-csrf-token'] = who.csrf;
          }
          const hasBody = input.body.kind !== 'none' && op.method !== 'GET' && op.method !== 'DELETE';
          if (hasBody) headers['content-type'] = input.body.kind === 'json' ? input.contentType : 'text/plain';
          if (known === null || (await writeCount(t.database.db)) !== knownAt) {
            known = await databaseChecksum(t.database.db);
            knownAt = await writeCount(t.database.db);
          }
          const before = known;
          const response = await t.app.inject({ method: op.method as 'GET', url, headers, ...(hasBody ? { payload: input.body.text } : {}) });
          const label = `${op.method} ${url.slice(0, 200)} as ${caller} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, label).toBeLessThan(500);
          const writes = await writeCount(t.database.db);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
            expect(typeof response.json().code, label).toBe('string');
            if (writes !== knownAt) {
              known = await databaseChecksum(t.database.db);
              knownAt = writes;
              expect(known, label).toBe(before);
            }
          } else if (writes !== knownAt) {
            known = null;
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    // The session used throughout is still valid: garbage never signed the administrator out.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
  });
});
