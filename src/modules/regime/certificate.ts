import { type PdfDoc, drawQrCode, newPdfDocument, renderPdf } from '../../core/pdf.ts';
import { type CheckpointSigner, verifySignature } from '../audit/signing.ts';

/** What a residency certificate states; every field is covered by the signature. */
export interface CertificateFields {
  certificateId: string;
  number: string;
  organizationId: string;
  legalName: string;
  legalNameUk: string | null;
  identifiers: string[];
  grantedOn: string;
  ruleSetVersion: number;
  issuedAt: string;
}

/** What the PDF needs besides the fields: where to check the live status, and the signature over the fields. */
export interface CertificatePdfInput {
  fields: CertificateFields;
  verifyUrl: string;
  signature: string;
  keyId: string;
  publicKeyHex: string;
}

/** The first line of every signed certificate message; a new layout gets a new version. */
export const CERTIFICATE_MESSAGE_VERSION = 'adi-regime-certificate/v1';

/** The signed fields in message order. Changing it means a new message version. */
export const CERTIFICATE_SIGNED_FIELDS = [
  'certificateId',
  'number',
  'organizationId',
  'legalName',
  'legalNameUk',
  'identifiers',
  'grantedOn',
  'ruleSetVersion',
  'issuedAt',
] as const satisfies readonly (keyof CertificateFields)[];

// A field added to CertificateFields but not to the list above would go unsigned: make that a type error.
type UnsignedField = Exclude<keyof CertificateFields, (typeof CERTIFICATE_SIGNED_FIELDS)[number]>;
const everyFieldSigned: [UnsignedField] extends [never] ? true : never = true;
void everyFieldSigned;

/**
 * The exact text the signature covers: the version line, then one line per field holding its JSON
 * encoding, so a newline or separator inside a value cannot move it into another field.
 */
export function certificateMessage(fields: CertificateFields): string {
  const values = CERTIFICATE_SIGNED_FIELDS.map((key) => JSON.stringify(key === 'identifiers' ? sortedIdentifiers(fields) : fields[key]));
  return [CERTIFICATE_MESSAGE_VERSION, ...values].join('\n');
}

/** Signs a certificate's fields with the platform key. */
export async function signCertificate(signer: CheckpointSigner, fields: CertificateFields): Promise<{ signature: string; keyId: string }> {
  return { signature: await signer.sign(certificateMessage(fields)), keyId: signer.keyId };
}

const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;

/** True when `signatureHex` is the key's valid signature of exactly these fields; false (never a throw) on malformed input. */
export async function verifyCertificate(fields: CertificateFields, signatureHex: string, publicKeyHex: string): Promise<boolean> {
  // Buffer.from(hex) stops silently at the first non-hex character, so a valid signature with junk
  // appended would otherwise still verify.
  if (!SIGNATURE_HEX.test(signatureHex) || !PUBLIC_KEY_HEX.test(publicKeyHex)) return false;
  return verifySignature(signatureHex, certificateMessage(fields), publicKeyHex);
}

// Sorted by UTF-16 code units, not locale, so every verifier gets the same order.
function sortedIdentifiers(fields: CertificateFields): string[] {
  return [...fields.identifiers].sort();
}

const MARGIN = 50;
const LABEL_WIDTH = 170;
const COLUMN_GAP = 12;
const QR_SIZE = 118;
// Long official names (state enterprises often run past 150 characters) shrink to this height so the
// certificate stays on one page.
const NAMES_MAX_HEIGHT = 62;
const INK = '#1a1a1a';
const MUTED = '#5c5c5c';
const ACCENT = '#1f3a5f';
const RULE = '#c8ccd2';

const STATUS_NOTICE = {
  uk: 'Відскануйте код або відкрийте посилання, щоб побачити, чи статус сьогодні чинний, зупинений або припинений; статус, зазначений тут, дійсний лише на момент видачі.',
  en: 'Scan or open the link to see whether the status is active, suspended or terminated today; the status printed here is only as of issue.',
};

type Doc = PdfDoc;

/** Renders the signed certificate as a one-page A4 PDF; the bytes depend only on the input. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { fields } = input;
  const issuedAt = new Date(fields.issuedAt);
  if (Number.isNaN(issuedAt.getTime())) throw new Error(`issuedAt is not a timestamp: ${fields.issuedAt}`);
  const doc = newPdfDocument({
    size: 'A4',
    margin: MARGIN,
    title: `Свідоцтво резидента / Certificate of residency ${fields.number}`,
    createdAt: issuedAt,
  });
  return renderPdf(doc, () => {
    drawHeader(doc);
    drawFields(doc, fields);
    drawStatusCheck(doc, input.verifyUrl);
    drawSignature(doc, input);
  });
}

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

function rule(doc: Doc, y: number, color = RULE, width = 0.5): void {
  doc.save().moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(width).strokeColor(color).stroke().restore();
}

function drawHeader(doc: Doc): void {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(10).fillColor(ACCENT).text('Альянс оборонних індустрій / Alliance of Defense Industries', MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.9);
  doc.font('bold').fontSize(15).fillColor(INK).text('Свідоцтво резидента спеціального правового режиму', { width, align: 'center' });
  doc.moveDown(0.2);
  doc.font('sans').fontSize(12).fillColor(MUTED).text('Certificate of residency in the special economic regime', { width, align: 'center' });
  const y = doc.y + 12;
  rule(doc, y, ACCENT, 1.2);
  doc.y = y + 10;
}

interface Value {
  text: string;
  font?: 'sans' | 'bold' | 'mono';
  size?: number;
}

/** A row with the Ukrainian label over the English one on the left and the values stacked on the right. */
function labelledRow(doc: Doc, labelUk: string, labelEn: string, values: Value[], options: { labelWidth?: number; padding?: number } = {}): void {
  const labelWidth = options.labelWidth ?? LABEL_WIDTH;
  const padding = options.padding ?? 6;
  const top = doc.y + padding;
  doc.font('bold').fontSize(9).fillColor(INK).text(labelUk, MARGIN, top, { width: labelWidth });
  doc.font('sans').fontSize(8).fillColor(MUTED).text(labelEn, MARGIN, doc.y, { width: labelWidth });
  const labelBottom = doc.y;
  const valueX = MARGIN + labelWidth + COLUMN_GAP;
  const valueWidth = contentWidth(doc) - labelWidth - COLUMN_GAP;
  doc.y = top;
  for (const value of values) {
    doc.font(value.font ?? 'sans').fontSize(value.size ?? 11).fillColor(INK).text(value.text, valueX, doc.y, { width: valueWidth, lineGap: 1 });
  }
  doc.y = Math.max(labelBottom, doc.y) + padding;
}

function drawFields(doc: Doc, fields: CertificateFields): void {
  const nameTexts = fields.legalNameUk ? [fields.legalNameUk, fields.legalName] : [fields.legalName];
  const nameSize = fittedSize(doc, nameTexts, 'bold', contentWidth(doc) - LABEL_WIDTH - COLUMN_GAP, NAMES_MAX_HEIGHT);
  const names = nameTexts.map((text): Value => ({ text, font: 'bold', size: nameSize }));
  const identifiers = sortedIdentifiers(fields);
  const rows: [string, string, Value[]][] = [
    ['Номер свідоцтва', 'Certificate number', [{ text: fields.number, font: 'bold', size: 12 }]],
    ['Найменування резидента', 'Legal name of the resident', names],
    ['Ідентифікатори', 'Identifiers', identifiers.length > 0 ? identifiers.map((text) => ({ text })) : [{ text: '—' }]],
    ['Статус резидента надано', 'Residency granted on', [{ text: fields.grantedOn }]],
    ['Версія правил режиму', 'Rule set version', [{ text: String(fields.ruleSetVersion) }]],
    ['Дата і час видачі', 'Issued at', [{ text: fields.issuedAt }]],
    // Printed so the signed message can be rebuilt from the paper alone.
    ['Ідентифікатор свідоцтва', 'Certificate ID', [{ text: fields.certificateId, font: 'mono', size: 9.5 }]],
    ['Ідентифікатор організації', 'Organization ID', [{ text: fields.organizationId, font: 'mono', size: 9.5 }]],
  ];
  rows.forEach(([uk, en, values], index) => {
    if (index > 0) rule(doc, doc.y);
    labelledRow(doc, uk, en, values);
  });
  rule(doc, doc.y, ACCENT, 1.2);
}

/** The largest of the allowed sizes at which `texts`, stacked, stay within `maxHeight`; the smallest if none does. */
function fittedSize(doc: Doc, texts: string[], font: 'sans' | 'bold', width: number, maxHeight: number): number {
  const sizes = [11, 10, 9, 8];
  doc.font(font);
  const fits = (size: number) => texts.reduce((height, text) => height + doc.fontSize(size).heightOfString(text, { width, lineGap: 1 }), 0) <= maxHeight;
  return sizes.find(fits) ?? sizes[sizes.length - 1];
}

function drawStatusCheck(doc: Doc, verifyUrl: string): void {
  // Scanners need a quiet zone of four modules (about 13 pt here) clear on every side.
  const quietZone = 16;
  const top = doc.y + quietZone;
  drawQrCode(doc, verifyUrl, MARGIN, top, QR_SIZE);
  const textX = MARGIN + QR_SIZE + 18;
  const textWidth = doc.page.width - MARGIN - textX;
  doc.font('bold').fontSize(10).fillColor(ACCENT).text('Перевірка чинного статусу / Current status check', textX, top + 6, { width: textWidth });
  doc.moveDown(0.5);
  doc.font('sans').fontSize(9).fillColor(INK).text(STATUS_NOTICE.uk, { width: textWidth, lineGap: 1 });
  doc.moveDown(0.4);
  doc.font('sans').fontSize(9).fillColor(MUTED).text(STATUS_NOTICE.en, { width: textWidth, lineGap: 1 });
  const urlTop = Math.max(doc.y, top + QR_SIZE + quietZone);
  doc.font('mono').fontSize(9).fillColor(INK).text(verifyUrl, MARGIN, urlTop, { width: contentWidth(doc), link: verifyUrl });
  doc.y += 8;
  rule(doc, doc.y, ACCENT, 1.2);
}

function drawSignature(doc: Doc, input: CertificatePdfInput): void {
  doc.font('bold').fontSize(10).fillColor(ACCENT).text('Електронний підпис платформи / Platform signature (Ed25519)', MARGIN, doc.y + 12, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  const row = (uk: string, en: string, values: Value[]) => labelledRow(doc, uk, en, values, { labelWidth: 130, padding: 4 });
  const hexLines = input.signature.match(/.{1,64}/g) ?? [''];
  row('Підпис', 'Signature', hexLines.map((text) => ({ text, font: 'mono', size: 8.5 })));
  row('Ідентифікатор ключа', 'Key ID', [{ text: input.keyId, font: 'mono', size: 8.5 }]);
  row('Відкритий ключ', 'Public key', [{ text: input.publicKeyHex, font: 'mono', size: 8.5 }]);
  const order = CERTIFICATE_SIGNED_FIELDS.map((key) => (key === 'identifiers' ? `${key} (sorted)` : key)).join(', ');
  const width = contentWidth(doc);
  doc.moveDown(0.4);
  doc
    .font('sans')
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(
      `Як перевірити: підпис Ed25519 над текстом UTF-8 «${CERTIFICATE_MESSAGE_VERSION}», після якого через LF іде JSON кожного поля: ${order}.`,
      MARGIN,
      doc.y,
      { width, lineGap: 1 },
    );
  doc.moveDown(0.2);
  doc.text(
    `How to verify: Ed25519 over the UTF-8 text "${CERTIFICATE_MESSAGE_VERSION}" followed, each after an LF, by the JSON of every field: ${order}.`,
    { width, lineGap: 1 },
  );
}
