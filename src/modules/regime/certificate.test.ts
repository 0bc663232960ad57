import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf.ts';
import { type CheckpointSigner, signerFromSeed } from '../audit/signing.ts';
import { type CertificateFields, certificateMessage, renderCertificatePdf, signCertificate, verifyCertificate } from './certificate.ts';

const fields: CertificateFields = {
  certificateId: '0193b3a0-7c4e-7d21-9a55-3f0e6b2c8d11',
  number: 'ADI-SR-2026-000001',
  organizationId: '0193b39f-1e2a-7b40-8c3d-52a1f7e9c604',
  legalName: 'Defense Systems LLC',
  legalNameUk: 'ТОВ «Оборонні системи»',
  identifiers: ['UA-EDR:12345678', 'XI-LEI:5493001KJTIIGC8Y1R12'],
  grantedOn: '2026-03-02',
  ruleSetVersion: 3,
  issuedAt: '2026-03-02T10:15:30.000Z',
};
const verifyUrl = `https://adi.example.org/verify/${fields.certificateId}`;

let signer: CheckpointSigner;
let signature: string;

beforeAll(async () => {
  signer = await signerFromSeed(new Uint8Array(32).fill(7));
  ({ signature } = await signCertificate(signer, fields));
});

/** One variant per field, each differing from `fields` in that field alone. */
const tampered: [string, CertificateFields][] = [
  ['certificateId', { ...fields, certificateId: '0193b3a0-7c4e-7d21-9a55-3f0e6b2c8d12' }],
  ['number', { ...fields, number: 'ADI-SR-2026-000002' }],
  ['organizationId', { ...fields, organizationId: '0193b39f-1e2a-7b40-8c3d-52a1f7e9c605' }],
  ['legalName', { ...fields, legalName: 'Defence Systems LLC' }],
  ['legalNameUk', { ...fields, legalNameUk: 'ТОВ «Оборонні системи-2»' }],
  ['legalNameUk removed', { ...fields, legalNameUk: null }],
  ['one identifier', { ...fields, identifiers: ['UA-EDR:12345679', 'XI-LEI:5493001KJTIIGC8Y1R12'] }],
  ['an identifier dropped', { ...fields, identifiers: ['UA-EDR:12345678'] }],
  ['grantedOn', { ...fields, grantedOn: '2026-03-03' }],
  ['ruleSetVersion', { ...fields, ruleSetVersion: 4 }],
  ['issuedAt', { ...fields, issuedAt: '2026-03-02T10:15:31.000Z' }],
];

describe('certificate signature', () => {
  it('verifies what was signed, and reports the signing key', async () => {
    expect(await verifyCertificate(fields, signature, signer.publicKeyHex)).toBe(true);
    expect((await signCertificate(signer, fields)).keyId).toBe(signer.keyId);
  });

  it.each(tampered)('fails when %s changes', async (_name, changed) => {
    expect(await verifyCertificate(changed, signature, signer.publicKeyHex)).toBe(false);
  });

  it('fails for a signature made by another key', async () => {
    const other = await signerFromSeed(new Uint8Array(32).fill(8));
    const { signature: foreign } = await signCertificate(other, fields);
    expect(await verifyCertificate(fields, foreign, signer.publicKeyHex)).toBe(false);
    expect(await verifyCertificate(fields, signature, other.publicKeyHex)).toBe(false);
  });

  it('fails without throwing for a malformed signature', async () => {
    for (const bad of ['zz'.repeat(64), '', 'abc', signature.slice(0, 126), `${signature.slice(0, 127)}g`]) {
      await expect(verifyCertificate(fields, bad, signer.publicKeyHex)).resolves.toBe(false);
    }
  });

  it('fails for a valid signature with junk appended (Buffer.from would ignore it)', async () => {
    expect(await verifyCertificate(fields, `${signature}zz`, signer.publicKeyHex)).toBe(false);
    expect(await verifyCertificate(fields, signature, `${signer.publicKeyHex}zz`)).toBe(false);
  });
});

describe('certificateMessage', () => {
  it('is the version line then one JSON value per line', () => {
    expect(certificateMessage(fields).split('\n')).toEqual([
      'adi-regime-certificate/v1',
      JSON.stringify(fields.certificateId),
      JSON.stringify(fields.number),
      JSON.stringify(fields.organizationId),
      JSON.stringify(fields.legalName),
      JSON.stringify(fields.legalNameUk),
      JSON.stringify(fields.identifiers),
      JSON.stringify(fields.grantedOn),
      '3',
      JSON.stringify(fields.issuedAt),
    ]);
  });

  it('is stable for equal input, whatever the identifier order', () => {
    expect(certificateMessage({ ...fields, identifiers: [...fields.identifiers] })).toBe(certificateMessage(fields));
    expect(certificateMessage({ ...fields, identifiers: [...fields.identifiers].reverse() })).toBe(certificateMessage(fields));
  });

  it('keeps a newline inside a value from shifting fields', () => {
    const joined = { ...fields, legalName: 'Defense Systems LLC\nДефенс' };
    const split = { ...fields, legalName: 'Defense Systems LLC', legalNameUk: 'Дефенс' };
    expect(certificateMessage(joined)).not.toBe(certificateMessage(split));
    expect(certificateMessage(joined).split('\n')).toHaveLength(10);
  });

  it('keeps a separator inside an identifier from splitting it', () => {
    expect(certificateMessage({ ...fields, identifiers: ['A","B'] })).not.toBe(certificateMessage({ ...fields, identifiers: ['A', 'B'] }));
  });
});


describe('renderCertificatePdf', () => {
  const render = (overrides: Partial<CertificateFields> = {}) =>
    renderCertificatePdf({ fields: { ...fields, ...overrides }, verifyUrl, signature, keyId: signer.keyId, publicKeyHex: signer.publicKeyHex });

  it('renders one A4 page holding both names, the number, the link and the signature', async () => {
    const pdf = await render();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBe(1);
    for (const expected of [fields.legalNameUk!, fields.legalName, fields.number, verifyUrl, 'Свідоцтво резидента спеціального правового режиму', 'Certificate of residency in the special economic regime', ...fields.identifiers, fields.certificateId, fields.organizationId, signer.publicKeyHex, 'adi-regime-certificate/v1']) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s/g, '')).toContain(signature);
  });

  it('depends only on its input', async () => {
    expect((await render()).equals(await render())).toBe(true);
  });

  it('renders a resident without a Ukrainian name', async () => {
    const { pages, text } = await pdfText(await render({ legalNameUk: null }));
    expect(pages).toBe(1);
    expect(text).toContain(fields.legalName);
  });

  it('keeps long official names on the one page', async () => {
    const { pages, text } = await pdfText(
      await render({
        legalName: 'Limited Liability Company "Ukrainian Armored Vehicles and Defense Electronics Research and Production Enterprise"',
        legalNameUk: 'Товариство з обмеженою відповідальністю «Науково-виробниче підприємство „Українська бронетехніка та оборонна електроніка“»',
      }),
    );
    expect(pages).toBe(1);
    expect(text).toContain('Українська бронетехніка');
    expect(text).toContain(verifyUrl);
  });

  it('refuses an issuedAt that is not a timestamp', async () => {
    await expect(render({ issuedAt: 'yesterday' })).rejects.toThrow(/issuedAt/);
  });
});
