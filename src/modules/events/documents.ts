import { type PdfDoc, drawQrCode, newPdfDocument, renderPdf } from '../../core/pdf.ts';
import { instantToLocal } from './slots.ts';

// The files a delegate takes to the forum: the badge (the door staff scan its QR code), the personal
// agenda as a PDF, and the same agenda as an iCalendar file for the delegate's calendar.

const INK = '#1a1a1a';
const MUTED = '#5c5c5c';
const ACCENT = '#1f3a5f';

export interface BadgeInput {
  eventTitleUk: string;
  eventTitleEn: string;
  eventDates: string;
  fullName: string;
  position: string;
  organizationName: string;
  organizationCountry: string;
  badgeCode: string;
  checkInUrl: string;
  issuedAt: Date;
}

/** An A6 badge: event, name, organization, and a QR code of the check-in link with the code printed under it. */
export function renderBadgePdf(input: BadgeInput): Promise<Buffer> {
  const margin = 18;
  const doc = newPdfDocument({ size: 'A6', margin, title: `Бейдж / Badge: ${input.fullName}`, createdAt: input.issuedAt });
  return renderPdf(doc, () => {
    const width = doc.page.width - 2 * margin;
    doc.rect(0, 0, doc.page.width, 56).fill(ACCENT);
    doc.font('bold').fontSize(10).fillColor('#ffffff').text(input.eventTitleUk, margin, 12, { width, align: 'center', height: 18, ellipsis: true });
    doc.font('sans').fontSize(8).text(`${input.eventTitleEn} · ${input.eventDates}`, margin, 32, { width, align: 'center', height: 12, ellipsis: true });
    doc.font('bold').fontSize(fitSize(doc, input.fullName, width, 20)).fillColor(INK).text(input.fullName, margin, 72, { width, align: 'center' });
    if (input.position) doc.font('sans').fontSize(9).fillColor(MUTED).text(input.position, { width, align: 'center' });
    doc.moveDown(0.4);
    doc.font('bold').fontSize(11).fillColor(ACCENT).text(`${input.organizationName} (${input.organizationCountry})`, { width, align: 'center' });
    const qrSize = 118;
    const qrTop = Math.max(doc.y + 10, 170);
    drawQrCode(doc, input.checkInUrl, (doc.page.width - qrSize) / 2, qrTop, qrSize);
    doc.font('mono').fontSize(10).fillColor(INK).text(input.badgeCode.replace(/(.{4})(?!$)/g, '$1 '), margin, qrTop + qrSize + 6, { width, align: 'center' });
    doc.font('sans').fontSize(7).fillColor(MUTED).text('Пред’явіть на вході / Show at the entrance', { width, align: 'center' });
  });
}

/** The largest font size up to `max` at which the text fits on one line. */
function fitSize(doc: PdfDoc, text: string, width: number, max: number): number {
  let size = max;
  while (size > 9 && doc.font('bold').fontSize(size).widthOfString(text) > width) size -= 1;
  return size;
}

export interface AgendaItem {
  kind: 'session' | 'meeting';
  id: string;
  startsAt: string;
  endsAt: string;
  titleUk: string;
  titleEn: string;
  location: string;
  speaking: boolean;
  counterpart: { organizationName: string; country: string; people: string[] } | null;
}

export interface AgendaInput {
  event: { id: string; titleUk: string; titleEn: string; venueUk: string; venueEn: string; timeZone: string };
  delegate: { fullName: string; position: string; organizationName: string };
  items: AgendaItem[];
  generatedAt: Date;
}

/** The personal agenda as an A4 PDF: one line per item, grouped by day, times local to the event. */
export function renderAgendaPdf(input: AgendaInput): Promise<Buffer> {
  const margin = 48;
  const doc = newPdfDocument({ size: 'A4', margin, title: `Порядок денний / Agenda: ${input.delegate.fullName}`, createdAt: input.generatedAt });
  return renderPdf(doc, () => {
    const width = doc.page.width - 2 * margin;
    doc.font('bold').fontSize(10).fillColor(ACCENT).text('Альянс оборонних індустрій / Alliance of Defense Industries', { width });
    doc.moveDown(0.4);
    doc.font('bold').fontSize(16).fillColor(INK).text(`${input.event.titleUk} / ${input.event.titleEn}`, { width });
    doc.font('sans').fontSize(10).fillColor(MUTED).text(`${input.event.venueUk} / ${input.event.venueEn} · ${input.event.timeZone}`, { width });
    doc.moveDown(0.6);
    doc.font('bold').fontSize(12).fillColor(INK).text(`${input.delegate.fullName}${input.delegate.position ? `, ${input.delegate.position}` : ''}`, { width });
    doc.font('sans').fontSize(10).fillColor(MUTED).text(input.delegate.organizationName, { width });
    let day = '';
    for (const item of input.items) {
      const start = instantToLocal(new Date(item.startsAt), input.event.timeZone);
      const end = instantToLocal(new Date(item.endsAt), input.event.timeZone);
      if (start.date !== day) {
        day = start.date;
        doc.moveDown(0.8);
        doc.font('bold').fontSize(11).fillColor(ACCENT).text(day, margin, doc.y, { width });
        doc.moveTo(margin, doc.y + 2).lineTo(margin + width, doc.y + 2).lineWidth(0.5).strokeColor('#c8ccd2').stroke();
        doc.moveDown(0.3);
      }
      const y = doc.y;
      doc.font('mono').fontSize(9).fillColor(INK).text(`${start.time}–${end.time}`, margin, y, { width: 78 });
      const label = item.kind === 'meeting' ? `${item.titleUk} / ${item.titleEn}` : `${item.titleUk} / ${item.titleEn}${item.speaking ? ' — доповідач / speaker' : ''}`;
      doc.font(item.kind === 'meeting' ? 'bold' : 'sans').fontSize(9).fillColor(INK).text(label, margin + 82, y, { width: width - 82 });
      const details = [item.location, item.counterpart?.people.join(', ')].filter(Boolean).join(' · ');
      if (details) doc.font('sans').fontSize(8).fillColor(MUTED).text(details, margin + 82, doc.y, { width: width - 82 });
      doc.moveDown(0.25);
    }
    if (input.items.length === 0) doc.moveDown(1).font('sans').fontSize(10).fillColor(MUTED).text('Порожньо / Nothing scheduled yet', { width });
  });
}

/** Escapes a text value for iCalendar (RFC 5545 §3.3.11). */
function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 §3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function icsTime(iso: string): string {
  return `${iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
}

/** The agenda as an iCalendar file (UTC times, one VEVENT per item, stable UIDs so a re-import updates rather than duplicates). */
export function agendaIcs(input: AgendaInput, host: string): string {
  const stamp = icsTime(input.generatedAt.toISOString());
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ADI Platform//Forum agenda//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(`${input.event.titleEn}: ${input.delegate.fullName}`)}`];
  for (const item of input.items) {
    const description = item.counterpart ? `${item.counterpart.organizationName} (${item.counterpart.country}): ${item.counterpart.people.join(', ')}` : item.titleUk;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.kind}-${item.id}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsTime(item.startsAt)}`,
      `DTEND:${icsTime(item.endsAt)}`,
      `SUMMARY:${icsText(item.titleEn)}`,
      `DESCRIPTION:${icsText(description)}`,
      `LOCATION:${icsText([item.location, input.event.venueEn].filter(Boolean).join(', '))}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
