import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { Command } from 'commander';
import { csvCell } from '../core/tabular.ts';
import { CliError, cliConfig, progressBar, withDatabase } from './context.ts';

const SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft'];

interface ScreenOptions {
  json?: boolean;
  schema?: string;
  birthDate?: string;
  country?: string;
  threshold: string;
  limit: string;
  batch?: string;
  out?: string;
}

function numberOption(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new CliError(`${name} must be a number from ${min} to ${max}, not "${value}"`, 2);
  return n;
}

/** `adi screen`: screen one name, or a CSV of names, against the imported sanctions lists. */
export function registerScreen(program: Command): void {
  program
    .command('screen')
    .description('screen a name (any script) against the imported sanctions lists, or a CSV of names with --batch')
    .argument('[name]', 'the name to screen')
    .option('--json', 'print {"query":…,"matches":[…]} as JSON')
    .option('--schema <schema>', `Person, Organization, Company, LegalEntity, Vessel or Aircraft`)
    .option('--birth-date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--country <cc>', 'ISO 3166-1 alpha-2 country')
    .option('--threshold <score>', 'lowest score reported, 0–1', '0.70')
    .option('--limit <n>', 'most matches per name', '10')
    .option('--batch <in.csv>', 'screen every row of a CSV with columns id,name[,schema,birth_date,country]')
    .option('--out <out.csv>', 'with --batch: write query_id,entity_id,score,matched_name here (default: standard output)')
    .action(async (name: string | undefined, options: ScreenOptions) => {
      const threshold = numberOption(options.threshold, '--threshold', 0, 1);
      const limit = numberOption(options.limit, '--limit', 1, 100);
      const { ZMatchQuery } = await import('../modules/screening/schema.ts');
      const { currentIndex, engineQueries } = await import('../modules/screening/service.ts');
      const config = cliConfig();

      if (options.batch) {
        if (name !== undefined) throw new CliError('give either a name or --batch, not both', 2);
        const rows = await readBatch(options.batch, ZMatchQuery);
        await withDatabase(config, async ({ db }) => {
          const { index, lists } = await currentIndex(db);
          if (lists.length === 0) throw new CliError('no sanctions list is imported yet: adi sanctions import --format … --source … FILES', 1);
          const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
          const bar = options.out ? progressBar('screening') : undefined;
          const started = performance.now();
          let matches = 0;
          out.write('query_id,entity_id,score,matched_name\r\n');
          for (const [i, row] of rows.entries()) {
            for (const q of engineQueries(row.query, `line ${row.line}`)) {
              for (const m of index.match(q, { threshold, limit })) {
                out.write(`${csvCell(row.id)},${csvCell(m.entityId)},${m.score.toFixed(4)},${csvCell(m.matchedName)}\r\n`);
                matches += 1;
              }
            }
            if (i % 500 === 0 || i === rows.length - 1) bar?.update(i + 1, rows.length);
          }
          bar?.stop();
          if (out !== process.stdout) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
          if (options.out) process.stderr.write(`screened ${rows.length} names in ${((performance.now() - started) / 1000).toFixed(2)} s: ${matches} matches at or above ${threshold}\n`);
        });
        return;
      }

      if (name === undefined) throw new CliError('give a name to screen, or --batch IN.csv', 2);
      const parsed = ZMatchQuery.safeParse({ name, schema: options.schema, birthDate: options.birthDate, country: options.country });
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.') === 'name' ? 'name' : `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`}: ${i.message}`).join('; '), 2);
      const result = await withDatabase(config, async ({ db }) => {
        const { index, lists } = await currentIndex(db);
        if (lists.length === 0) throw new CliError('no sanctions list is imported yet: adi sanctions import --format … --source … FILES', 1);
        const [query] = engineQueries(parsed.data, 'name');
        return { query, matches: index.match(query, { threshold, limit }) };
      });
      if (options.json) {
        console.log(
          JSON.stringify({
            query: result.query,
            matches: result.matches.map((m) => ({ entityId: m.entityId, caption: m.caption, score: Math.round(m.score * 10_000) / 10_000, matchedName: m.matchedName, source: m.source, programs: m.programs })),
          }),
        );
        return;
      }
      if (result.matches.length === 0) return void console.log(`no match at or above ${threshold}`);
      for (const m of result.matches) console.log(`${m.score.toFixed(3)}  ${m.entityId.padEnd(24)} ${m.caption}${m.matchedName !== m.caption ? `  (as "${m.matchedName}")` : ''}  [${m.programs.join(', ')}]`);
    });
}

/** Reads and validates the batch CSV; the first bad row stops the run with its line number. */
async function readBatch(file: string, ZMatchQuery: typeof import('../modules/screening/schema.ts').ZMatchQuery) {
  if (!fs.existsSync(file)) throw new CliError(`${file}: file not found`, 2);
  // `info` gives each record the line it ended on (a quoted cell may span lines).
  const parser = fs.createReadStream(file).pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, relax_column_count: false, info: true }));
  const rows: Array<{ id: string; line: number; query: import('../modules/screening/schema.ts').TMatchQuery }> = [];
  const ids = new Set<string>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const line = info.lines;
      if (rows.length === 0 && (!('id' in record) || !('name' in record))) throw new CliError(`${file}: the header must name the columns id and name (and optionally schema, birth_date, country)`, 1);
      const id = record.id?.trim();
      if (!id) throw new CliError(`${file} line ${line}: id is empty`, 1);
      if (ids.has(id)) throw new CliError(`${file} line ${line}: id ${id} appears twice`, 1);
      ids.add(id);
      const schema = record.schema?.trim() || undefined;
      if (schema && !SCHEMAS.includes(schema)) throw new CliError(`${file} line ${line}: schema must be one of ${SCHEMAS.join(', ')}, not "${schema}"`, 1);
      const parsed = ZMatchQuery.safeParse({ name: record.name, schema, birthDate: record.birth_date?.trim() || undefined, country: record.country?.trim() || undefined });
      if (!parsed.success) throw new CliError(`${file} line ${line}: ${parsed.error.issues.map((i) => `${String(i.path[0] ?? 'row')}: ${i.message}`).join('; ')}`, 1);
      rows.push({ id, line, query: parsed.data });
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  if (rows.length === 0) throw new CliError(`${file}: no rows to screen`, 1);
  return rows;
}
