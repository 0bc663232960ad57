import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

// The public registers answer one query as JSON or as CSV (format=csv): these helpers fetch both and
// check the CSV holds exactly the rows of the JSON, in its order, as the test expects each row written.

/** The records of a CSV answer (UTF-8 with BOM, a header row of column keys), as objects of text. */
export function csvRecords(body: string): Array<Record<string, string>> {
  expect(body.startsWith('\uFEFF'), 'CSV starts with a byte-order mark').toBe(true);
  return parse(body, { bom: true, columns: true, skip_empty_lines: false, relax_column_count: false });
}

/** The header row of a CSV answer. */
export function csvHeader(body: string): string[] {
  return (parse(body, { bom: true, to_line: 1 }) as string[][])[0];
}

/** Anonymous GET that must answer 200; the JSON body. */
export async function getJson(t: TestApp, url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, `GET ${url}: ${response.body}`).toBe(200);
  return response.json();
}

/**
 * Fetches `url` as JSON and again with format=csv, and checks the CSV's records equal the JSON's items
 * written as `toRecord` says, row by row, and that X-Total-Count is the JSON's total. Returns the JSON.
 */
export async function expectCsvEqualsJson<T>(t: TestApp, url: string, toRecord: (item: T) => Record<string, string>) {
  const page = (await getJson(t, url)) as { items: T[]; total: number; limit: number; offset: number };
  expect(page.items.length, `${url}: a full page, or what is left`).toBe(Math.max(0, Math.min(page.limit, page.total - page.offset)));
  const csvUrl = `${url}${url.includes('?') ? '&' : '?'}format=csv`;
  const csv = await t.app.inject({ method: 'GET', url: csvUrl });
  expect(csv.statusCode, `GET ${csvUrl}: ${csv.body}`).toBe(200);
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="adi-[a-z-]+\.csv"$/);
  expect(csv.headers['x-total-count']).toBe(String(page.total));
  const records = csvRecords(csv.body);
  expect(records.length, `${csvUrl}: as many rows as the JSON`).toBe(page.items.length);
  page.items.forEach((item, index) => expect(records[index], `${csvUrl}: row ${index + 1}`).toEqual(toRecord(item)));
  return page;
}
