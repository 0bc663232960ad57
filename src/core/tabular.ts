import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

// One way to export a table, as CSV for machines and XLSX for people. Money stays an integer count of
// minor units in CSV (exact, what scripts expect); XLSX shows it in major units with the currency's
// decimals, since that is what a reader of a spreadsheet expects (docs/decisions/0009).

/** A column of an exported table. */
export interface TableColumn {
  key: string;
  header: string;
  /** money: minor units in the row, with the currency in `currencyKey` (or `currency`) of the same row. */
  kind?: 'text' | 'integer' | 'money' | 'date';
  currencyKey?: string;
  width?: number;
}

/** A table to export: one CSV file, or one sheet of a workbook. */
export interface Table {
  /** Sheet name (at most 31 characters, no []:*?/\ as Excel requires). */
  name: string;
  columns: TableColumn[];
  rows: Array<Record<string, string | number | null | undefined>>;
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP);
// a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): formula-looking text defused, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV text of rows: UTF-8 with a byte-order mark (so Excel reads Cyrillic), CRLF line ends. */
export function csvText(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  return `\uFEFF${[header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n')}\r\n`;
}

/** A table as CSV: the column keys are the header (stable names for scripts), money in minor units. */
export function tableCsv(table: Table): string {
  return csvText(
    table.columns.map((c) => c.key),
    table.rows.map((row) => table.columns.map((c) => row[c.key])),
  );
}

/** Minor-unit exponents of the currencies the platform books (ISO 4217); 2 when unknown. */
const MINOR_UNIT_EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

function moneyFormat(exponent: number): string {
  return exponent === 0 ? '#,##0' : `#,##0.${'0'.repeat(exponent)}`;
}

/** Tables as an XLSX workbook, one sheet each, with a bold frozen header row and money in major units. */
export async function tablesXlsx(tables: Table[], meta: { title: string; creator?: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator ?? 'ADI Platform';
  workbook.title = meta.title;
  workbook.created = new Date();
  const used = new Set<string>();
  for (const table of tables) {
    let name = table.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
    for (let n = 2; used.has(name); n++) name = `${table.name.slice(0, 27)} (${n})`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.min(60, Math.max(12, c.header.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      const values: Record<string, string | number | null> = {};
      for (const c of table.columns) {
        const value = row[c.key];
        if (value === null || value === undefined || value === '') values[c.key] = null;
        else if (c.kind === 'money') {
          const exponent = MINOR_UNIT_EXPONENT[String(row[c.currencyKey ?? 'currency'] ?? '')] ?? 2;
          values[c.key] = Number(value) / 10 ** exponent;
        } else if (c.kind === 'integer') values[c.key] = Number(value);
        else values[c.key] = String(value);
      }
      const added = sheet.addRow(values);
      for (const c of table.columns) {
        if (c.kind !== 'money') continue;
        const exponent = MINOR_UNIT_EXPONENT[String(row[c.currencyKey ?? 'currency'] ?? '')] ?? 2;
        added.getCell(c.key).numFmt = moneyFormat(exponent);
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The content type of an XLSX workbook. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a table as a CSV or XLSX download named `<fileName>.<ext>`. */
export async function sendTable(reply: FastifyReply, table: Table, format: 'csv' | 'xlsx', fileName: string): Promise<FastifyReply> {
  const disposition = `attachment; filename="${fileName}.${format}"`;
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition).send(tableCsv(table));
  const body = await tablesXlsx([table], { title: table.name });
  return reply.type(XLSX_CONTENT_TYPE).header('content-disposition', disposition).send(body);
}

/** Sends several tables as one XLSX workbook (a sheet each) named `<fileName>.xlsx`. */
export async function sendWorkbook(reply: FastifyReply, tables: Table[], title: string, fileName: string): Promise<FastifyReply> {
  const body = await tablesXlsx(tables, { title });
  return reply.type(XLSX_CONTENT_TYPE).header('content-disposition', `attachment; filename="${fileName}.xlsx"`).send(body);
}
