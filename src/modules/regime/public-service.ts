import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { registerPage, sortOrder } from '../../core/registers.ts';
import type { Table } from '../../core/tabular.ts';
import type { Database, OrganizationAddress, RegimeResidentsTable } from '../../db/schema.ts';
import type { AuthContext } from '../../core/access.ts';
import { type CertificateFields, certificateMessage, renderCertificatePdf, verifyCertificate } from './certificate.ts';
import * as repo from './repo.ts';
import { RESIDENT_SORT_NATURAL, type TPublicResident, type TPublicResidentQuery } from './schema.ts';
import { findVisibleResident } from './service.ts';

type Db = Kysely<Database>;

const CURRENT: RegimeResidentsTable['status'][] = ['active', 'suspended'];
const FORMER: RegimeResidentsTable['status'][] = ['terminated', 'exited'];

function addressText(addresses: OrganizationAddress[]): string | null {
  const address = addresses.find((a) => a.type === 'production') ?? addresses.find((a) => a.type === 'operational') ?? addresses.find((a) => a.type === 'registered');
  if (!address) return null;
  return [address.city, address.region].filter(Boolean).join(', ') || null;
}

/**
 * The public register of residents, current and former: name, identifiers, status, dates and
 * grounds for the end are always public; website, address and capabilities unless the resident
 * hides them and the settings allow hiding them.
 */
export async function publicRegister(db: Db, query: Partial<TPublicResidentQuery> & { limit: number; offset: number }) {
  const statuses = query.status === 'current' ? CURRENT : query.status === 'former' ? FORMER : [...CURRENT, ...FORMER];
  const { limit, offset } = registerPage({ scope: query.scope ?? 'page', limit: query.limit, offset: query.offset });
  const sort = query.sort ?? 'name';
  const { items, total } = await repo.listResidents(db, { statuses, q: query.q }, limit, offset, { sort, order: sortOrder(sort, query.order, RESIDENT_SORT_NATURAL) });
  const ids = [...new Set(items.map((r) => r.organization_id))];
  const [identifiers, profiles, settings] = await Promise.all([repo.identifiersOf(db, ids), repo.publicProfiles(db, ids), repo.getSettings(db)]);
  const profile = new Map(profiles.map((p) => [p.id, p]));
  const hideable = new Set(settings.hideable_fields);
  const hidden = (row: (typeof items)[number], field: string) => hideable.has(field) && row.hidden_fields.includes(field);
  const entries: TPublicResident[] = items.map((row) => {
    const p = profile.get(row.organization_id);
    return {
      name: row.organization_name,
      nameUk: p?.name_uk ?? null,
      identifiers: identifiers.get(row.organization_id) ?? [],
      status: row.status,
      certificateNumber: row.certificate_number,
      certificateId: row.certificate_id,
      grantedAt: row.granted_at.toISOString(),
      suspendedAt: row.status === 'suspended' && row.suspended_at ? row.suspended_at.toISOString() : null,
      endedAt: row.ended_at ? row.ended_at.toISOString() : null,
      endGrounds: row.end_grounds,
      website: hidden(row, 'website') ? null : (p?.website ?? null),
      address: hidden(row, 'address') ? null : addressText(p?.addresses ?? []),
      capabilities: hidden(row, 'capabilities') ? null : (p?.capabilities ?? []),
    };
  });
  return { items: entries, total, limit, offset };
}

/** The register as a table for the CSV download (identifiers and capabilities joined with "; "). */
export function registerTable(entries: TPublicResident[]): Table {
  return {
    name: 'Regime residents',
    columns: [
      { key: 'name', header: 'Name' },
      { key: 'name_uk', header: 'Name (uk)' },
      { key: 'identifiers', header: 'Identifiers' },
      { key: 'status', header: 'Status' },
      { key: 'certificate_number', header: 'Certificate' },
      { key: 'granted_at', header: 'Granted' },
      { key: 'suspended_at', header: 'Suspended' },
      { key: 'ended_at', header: 'Ended' },
      { key: 'end_grounds', header: 'Grounds' },
      { key: 'website', header: 'Website' },
      { key: 'address', header: 'Address' },
      { key: 'capabilities', header: 'Capabilities' },
    ],
    rows: entries.map((e) => ({
      name: e.name,
      name_uk: e.nameUk,
      identifiers: e.identifiers.join('; '),
      status: e.status,
      certificate_number: e.certificateNumber,
      granted_at: e.grantedAt,
      suspended_at: e.suspendedAt,
      ended_at: e.endedAt,
      end_grounds: e.endGrounds,
      website: e.website,
      address: e.address,
      capabilities: e.capabilities?.join('; ') ?? null,
    })),
  };
}

/** What anyone may learn from a certificate id: the signed fields, whether they still match the signature, and the status today. */
export async function certificateStatus(db: Db, certificateId: string, now = new Date()) {
  const row = await repo.findResidentByCertificate(db, certificateId);
  if (!row) throw new AppError('not_found', 'no certificate with this id was issued by this platform');
  const fields = row.certificate;
  return {
    certificate: fields,
    signature: row.signature,
    keyId: row.key_id,
    publicKey: row.public_key,
    signatureValid: await verifyCertificate(fields, row.signature, row.public_key),
    status: row.status,
    asOf: now.toISOString(),
    grantedAt: row.granted_at.toISOString(),
    suspendedAt: row.status === 'suspended' && row.suspended_at ? row.suspended_at.toISOString() : null,
    cureDeadline: row.status === 'suspended' ? row.cure_deadline : null,
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    endGrounds: row.end_grounds,
    message: certificateMessage(fields),
  };
}

/**
 * Checks a certificate someone holds: the signature must verify with the key of this platform that
 * issued it, and the fields must be the ones issued under that id.
 */
export async function verifyPresented(db: Db, presented: CertificateFields, signature: string) {
  const row = await repo.findResidentByCertificate(db, presented.certificateId);
  if (!row) return { valid: false, known: false, matchesIssued: false };
  const valid = /^[0-9a-f]{128}$/i.test(signature) && (await verifyCertificate(presented, signature, row.public_key));
  const matchesIssued = certificateMessage(presented) === certificateMessage(row.certificate);
  return { valid: valid && matchesIssued, known: true, matchesIssued };
}

/** The certificate PDF of a resident the caller may see, with the QR code pointing at the public verify page. */
export async function certificatePdf(db: Db, auth: AuthContext, residentId: string, baseUrl: string) {
  const row = await findVisibleResident(db, auth, residentId);
  const verifyUrl = `${baseUrl.replace(/\/+$/, '')}/verify/${row.certificate_id}`;
  const pdf = await renderCertificatePdf({ fields: row.certificate, verifyUrl, signature: row.signature, keyId: row.key_id, publicKeyHex: row.public_key });
  return { pdf, fileName: `${row.certificate_number}.pdf` };
}
