// The demo companies' documents (localization plans, auditors' reports) are small real PDFs, one
// page of text each, uploaded through the registry service like any upload (checked by content, stored
// under their SHA-256, audited).

import { BlobStore } from '../registry/blob-store.ts';
import { uploadDocument } from '../registry/service.ts';
import type { TDocument } from '../registry/schema.ts';
import type { DemoContext, DemoUser } from './context.ts';
import { slugOf } from './names.ts';

/** PDF text is Latin-1 in the standard fonts: anything else is spelled in ASCII. */
function pdfText(text: string): string {
  const ascii = text
    .replace(/[«»“”„]/g, '"')
    .replace(/[’‘]/g, "'")
    .replace(/[–—]/g, '-')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '?');
  return ascii.replace(/[\\()]/g, (ch) => `\\${ch}`);
}

/** A one-page A4 PDF with a title and lines of text (Helvetica), with a correct cross-reference table. */
export function demoPdf(title: string, lines: string[]): Buffer {
  const text = [
    'BT /F1 16 Tf 56 780 Td',
    `(${pdfText(title)}) Tj`,
    '/F1 10 Tf 0 -28 Td 14 TL',
    ...lines.map((line) => `(${pdfText(line)}) '`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Uploads a PDF for the company as its company user. */
export async function uploadDemoPdf(
  context: DemoContext,
  user: DemoUser,
  organizationId: string,
  input: { type: TDocument['documentType']; title: string; lines: string[] },
): Promise<TDocument> {
  const blobs = new BlobStore(context.deps.config.dataDir);
  return uploadDocument(context.db, blobs, user.auth, user.actor, organizationId, {
    type: input.type,
    fileName: `${slugOf(input.title).slice(0, 80)}.pdf`,
    title: input.title,
    bytes: demoPdf(input.title, input.lines),
  });
}
