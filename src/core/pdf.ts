import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

// What every PDF of the platform shares: fonts that show Cyrillic, deterministic metadata, the bytes
// collected into one buffer, and QR symbols drawn as vectors.

const requireFromHere = createRequire(import.meta.url);

/** DejaVu fonts (they cover Ukrainian), registered in every document as `sans`, `bold` and `mono`. */
export const PDF_FONTS = {
  sans: requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};

export type PdfDoc = PDFKit.PDFDocument;

/** A new document with the platform's fonts registered; `createdAt` is stamped instead of the clock, so equal input gives equal bytes. */
export function newPdfDocument(options: { size: string | [number, number]; margin: number; title: string; subject?: string; createdAt: Date; lang?: string }): PdfDoc {
  const doc = new PDFDocument({
    size: options.size,
    margin: options.margin,
    // Starting on DejaVu keeps pdfkit from loading (and listing) Helvetica, which cannot show Cyrillic.
    font: PDF_FONTS.sans,
    lang: options.lang ?? 'uk',
    displayTitle: true,
    info: { Title: options.title, Author: 'ADI Platform', Creator: 'ADI Platform', Subject: options.subject ?? 'Альянс оборонних індустрій / Alliance of Defense Industries', CreationDate: options.createdAt },
  });
  doc.registerFont('sans', PDF_FONTS.sans).registerFont('bold', PDF_FONTS.bold).registerFont('mono', PDF_FONTS.mono);
  return doc;
}

/** Ends the document after `draw` and resolves with its bytes. */
export function renderPdf(doc: PdfDoc, draw: (doc: PdfDoc) => void): Promise<Buffer> {
  const bytes = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return bytes;
}

/** Draws a QR symbol as filled squares (one rectangle per horizontal run), so it stays sharp at any zoom. */
export function drawQrCode(doc: PdfDoc, text: string, x: number, y: number, size: number): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const unit = size / modules.size;
  doc.save();
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      // A hairline of overlap hides the seams some viewers draw between adjacent rectangles.
      doc.rect(x + start * unit, y + row * unit, (col - start) * unit, unit + 0.05);
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}
