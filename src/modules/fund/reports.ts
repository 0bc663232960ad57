import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { type Table, XLSX_CONTENT_TYPE, tableCsv, tablesXlsx } from '../../core/tabular.ts';
import type { Database } from '../../db/schema.ts';
import { accountStatement, publicSourcesAndUses, trialBalance } from './service.ts';

// The fund's reports as tables, so that each is one shape for CSV (machines: stable keys, minor
// units) and XLSX (people: headers in both languages, money in major units).

type Db = Kysely<Database>;

/** A report format. */
export type ReportFormat = 'json' | 'csv' | 'xlsx';

/** The trial balance as a table: one line per account, then a total line per currency. */
export async function trialBalanceTable(db: Db, at?: string): Promise<Table> {
  const tb = await trialBalance(db, at);
  const rows: Table['rows'] = [];
  for (const c of tb.currencies) {
    for (const a of c.accounts) rows.push({ at: tb.at, currency: c.currency, code: a.code, name_uk: a.nameUk, name_en: a.nameEn, type: a.type, debits_minor: a.debits, credits_minor: a.credits, balance_minor: a.balance });
    rows.push({ at: tb.at, currency: c.currency, code: 'TOTAL', name_uk: 'Разом', name_en: 'Total', type: '', debits_minor: c.debits, credits_minor: c.credits, balance_minor: '' });
  }
  return {
    name: `Trial balance ${tb.at}`,
    columns: [
      { key: 'at', header: 'Дата / At', kind: 'date' },
      { key: 'currency', header: 'Валюта / Currency' },
      { key: 'code', header: 'Рахунок / Account', width: 30 },
      { key: 'name_uk', header: 'Назва', width: 40 },
      { key: 'name_en', header: 'Name', width: 40 },
      { key: 'type', header: 'Тип / Type' },
      { key: 'debits_minor', header: 'Дебет / Debits', kind: 'money', width: 18 },
      { key: 'credits_minor', header: 'Кредит / Credits', kind: 'money', width: 18 },
      { key: 'balance_minor', header: 'Сальдо / Balance', kind: 'money', width: 18 },
    ],
    rows,
  };
}

// An export is a whole statement, not a page of it; this bounds one download.
const STATEMENT_EXPORT_LINES = 100_000;

/** An account statement as a table: every posted line in the range with its running balance. */
export async function statementTable(db: Db, accountId: string, range: { from?: string; to?: string }): Promise<Table> {
  const statement = await accountStatement(db, accountId, { ...range, limit: STATEMENT_EXPORT_LINES, offset: 0 });
  const currency = statement.account.currency;
  return {
    name: `Statement ${statement.account.code}`,
    columns: [
      { key: 'entry_seq', header: '№ / Entry', kind: 'integer' },
      { key: 'effective_date', header: 'Дата / Date', kind: 'date' },
      { key: 'description', header: 'Опис / Description', width: 50 },
      { key: 'reference_type', header: 'Підстава / Reference' },
      { key: 'reference_id', header: 'Ідентифікатор / Reference id', width: 38 },
      { key: 'direction', header: 'Дебет/кредит / Side' },
      { key: 'amount_minor', header: 'Сума / Amount', kind: 'money', width: 18 },
      { key: 'balance_minor', header: 'Сальдо / Balance', kind: 'money', width: 18 },
      { key: 'currency', header: 'Валюта / Currency' },
    ],
    rows: [
      { entry_seq: '', effective_date: statement.from ?? '', description: 'Opening balance / Вхідне сальдо', balance_minor: statement.openingBalance, currency },
      ...statement.lines.map((l) => ({
        entry_seq: l.entrySeq,
        effective_date: l.effectiveDate,
        description: l.description,
        reference_type: l.referenceType,
        reference_id: l.referenceId,
        direction: l.direction,
        amount_minor: l.amount,
        balance_minor: l.balance,
        currency,
      })),
    ],
  };
}

/** The public sources and uses as a table: one line per side, currency and category. */
export async function sourcesAndUsesTable(db: Db, from: string, to: string): Promise<Table> {
  const report = await publicSourcesAndUses(db, from, to);
  return {
    name: `Sources and uses ${from} ${to}`.slice(0, 31),
    columns: [
      { key: 'from', header: 'З / From', kind: 'date' },
      { key: 'to', header: 'По / To', kind: 'date' },
      { key: 'side', header: 'Надходження чи використання / Side' },
      { key: 'currency', header: 'Валюта / Currency' },
      { key: 'category', header: 'Категорія / Category', width: 24 },
      { key: 'amount_minor', header: 'Сума / Amount', kind: 'money', width: 18 },
    ],
    rows: [
      ...report.sources.map((s) => ({ from, to, side: 'source', currency: s.currency, category: s.category, amount_minor: s.amount })),
      ...report.uses.map((u) => ({ from, to, side: 'use', currency: u.currency, category: u.category, amount_minor: u.amount })),
    ],
  };
}


export { sendTable } from '../../core/tabular.ts';
