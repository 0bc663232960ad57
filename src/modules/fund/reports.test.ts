import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { XLSX_CONTENT_TYPE } from '../../core/tabular.ts';

// The fund's reports as downloads: CSV keeps exact minor units under stable keys; XLSX is read back
// with a spreadsheet library to prove it is a real workbook with the same figures in major units.

let t: TestApp;
let officer: Caller;
let auditor: Caller;

beforeAll(async () => {
  t = await createTestApp();
  [officer, auditor] = await Promise.all([signedInCaller(t, ['fund_officer']), signedInCaller(t, ['auditor'])]);
  const book = (amount: number, date: string, description: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/fund/ledger/entries',
      headers: { ...officer.headers, 'idempotency-key': `report-${date}-${amount}` },
      payload: { currency: 'UAH', description, referenceType: 'budget', effectiveDate: date, postings: [{ account: '1000.UAH.fund', direction: 'debit', amount }, { account: '4200.UAH.budget', direction: 'credit', amount }] },
    });
  expect((await book(1_234_567_89, '2025-03-01', '=HYPERLINK("http://evil","x") budget')).statusCode).toBe(201);
  expect((await book(10_00, '2025-04-01', 'Budget, second tranche')).statusCode).toBe(201);
});
afterAll(async () => t?.close());

function get(caller: Caller | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: caller ? { cookie: caller.cookie } : {} });
}
async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe('fund reports as CSV and XLSX', () => {
  it('gives the trial balance as CSV (minor units) and XLSX (major units) with the same figures', async () => {
    const csv = await get(auditor, '/api/v1/fund/ledger/trial-balance?at=2025-12-31&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="adi-fund-trial-balance-2025-12-31.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('at,currency,code,name_uk,name_en,type,debits_minor,credits_minor,balance_minor');
    expect(lines).toContain('2025-12-31,UAH,1000.UAH.fund,Рахунок фонду в банку (гривня),Fund bank account (UAH),asset,123457789,0,123457789');

    const xlsx = await get(auditor, '/api/v1/fund/ledger/trial-balance?at=2025-12-31&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    const sheet = (await workbook(xlsx.rawPayload)).worksheets[0];
    expect(sheet.name).toBe('Trial balance 2025-12-31');
    expect(sheet.getRow(1).getCell(3).value).toBe('Рахунок / Account');
    const bank = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === '1000.UAH.fund')!;
    expect(bank.getCell(7).value).toBe(1_234_577.89);
    expect(bank.getCell(7).numFmt).toBe('#,##0.00');
  });

  it('gives an account statement with running balance as CSV and XLSX, formula text defused', async () => {
    const accounts = (await get(auditor, '/api/v1/fund/ledger/accounts?currency=UAH&limit=200')).json();
    const bank = accounts.items.find((a: { code: string }) => a.code === '1000.UAH.fund');
    const csv = await get(auditor, `/api/v1/fund/ledger/accounts/${bank.id}/statement?format=csv&from=2025-01-01&to=2025-12-31`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('entry_seq,effective_date,description,reference_type,reference_id,direction,amount_minor,balance_minor,currency');
    expect(lines[1]).toBe(',2025-01-01,Opening balance / Вхідне сальдо,,,,,0,UAH');
    expect(lines[2]).toMatch(/^\d+,2025-03-01,"'=HYPERLINK\(""http:\/\/evil"",""x""\) budget",budget,,debit,123456789,123456789,UAH$/);
    expect(lines[3]).toMatch(/,2025-04-01,"Budget, second tranche",budget,,debit,1000,123457789,UAH$/);

    const xlsx = await get(auditor, `/api/v1/fund/ledger/accounts/${bank.id}/statement?format=xlsx`);
    const sheet = (await workbook(xlsx.rawPayload)).worksheets[0];
    expect(sheet.getRow(4).getCell(8).value).toBe(1_234_577.89);
    expect((await get(auditor, '/api/v1/fund/ledger/accounts/01900000-0000-7000-8000-00000000dead/statement?format=xlsx')).statusCode).toBe(404);
  });

  it('gives the public sources and uses as CSV and XLSX', async () => {
    const csv = await get(null, '/api/v1/public/fund/sources-and-uses?from=2025-01-01&to=2025-12-31&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('2025-01-01,2025-12-31,source,UAH,budget,123457789');
    const xlsx = await get(null, '/api/v1/public/fund/sources-and-uses?from=2025-01-01&to=2025-12-31&format=xlsx');
    const sheet = (await workbook(xlsx.rawPayload)).worksheets[0];
    expect(sheet.getRow(2).getCell(6).value).toBe(1_234_577.89);
    expect((await get(null, '/api/v1/public/fund/sources-and-uses?format=pdf')).statusCode).toBe(400);
  });
});
