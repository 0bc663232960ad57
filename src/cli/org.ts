import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, cliActor, cliConfig, progressBar, withDatabase } from './context.ts';

/** The CSV columns `adi org import` reads; lists inside a cell are separated by semicolons. */
export const ORG_IMPORT_COLUMNS = [
  'name',
  'name_uk',
  'name_original',
  'short_name',
  'country',
  'kind',
  'size_band',
  'website',
  'founded_on',
  'identifiers',
  'capabilities',
  'street',
  'city',
  'region',
  'postal_code',
  'contact_name',
  'contact_email',
  'contact_phone',
] as const;
const REQUIRED = ['name', 'name_uk', 'country', 'kind'];

function list(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
}

function blankToUndefined(cell: string | undefined): string | undefined {
  const value = cell?.trim();
  return value ? value : undefined;
}

/** The API's request shape for one CSV record (validation happens afterwards, with the API's schema). */
function recordToRequest(record: Record<string, string>) {
  const cell = (name: string) => blankToUndefined(record[name]);
  return {
    name: cell('name'),
    nameUk: cell('name_uk'),
    nameOriginal: cell('name_original'),
    shortName: cell('short_name'),
    country: cell('country'),
    kind: cell('kind'),
    sizeBand: cell('size_band'),
    website: cell('website'),
    foundedOn: cell('founded_on'),
    identifiers: list(record.identifiers),
    capabilities: list(record.capabilities),
    addresses: cell('street') || cell('city') ? [{ type: 'registered', street: cell('street'), city: cell('city'), region: cell('region'), postalCode: cell('postal_code'), country: cell('country') }] : [],
    contacts: cell('contact_name') ? [{ name: cell('contact_name'), email: cell('contact_email'), phone: cell('contact_phone') }] : [],
  };
}

/** `adi org import FILE.csv`: bulk-loads organizations, keeping valid rows and reporting refused ones. */
export function registerOrg(program: Command): void {
  const org = program.command('org').description('manage the registry of organizations');
  org
    .command('import')
    .description(`load organizations from a UTF-8 CSV with a header row (columns: ${ORG_IMPORT_COLUMNS.join(', ')}; lists separated by ";"). Exit 0: all rows imported; 3: some rows refused (valid ones kept); 1 or 2: nothing imported`)
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'check every row and report, but write nothing')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`, 2);
      const { parse } = await import('csv-parse/sync');
      let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
      try {
        records = parse(fs.readFileSync(file), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, info: true, relax_column_count: false, trim: false }) as typeof records;
      } catch (error) {
        throw new CliError(`${file} is not a readable CSV: ${(error as Error).message}`, 2);
      }
      if (records.length === 0) throw new CliError(`${file} has no data rows`, 2);
      const header = Object.keys(records[0].record);
      const missing = REQUIRED.filter((column) => !header.includes(column));
      if (missing.length) throw new CliError(`${file} lacks the required columns: ${missing.join(', ')}`, 2);
      const unknownColumns = header.filter((column) => !(ORG_IMPORT_COLUMNS as readonly string[]).includes(column));
      if (unknownColumns.length) throw new CliError(`${file} has unknown columns: ${unknownColumns.join(', ')} (known: ${ORG_IMPORT_COLUMNS.join(', ')})`, 2);

      const { ZCreateOrganizationBody } = await import('../modules/registry/schema.ts');
      const valid: Array<{ row: number; input: import('../modules/registry/schema.ts').TCreateOrganization }> = [];
      const invalid: Array<{ row: number; messages: string[] }> = [];
      for (const { record, info } of records) {
        // info.lines is the line the record ends on; with the header on line 1 this is the row number for single-line records.
        const row = info.lines;
        const parsed = ZCreateOrganizationBody.safeParse(recordToRequest(record));
        if (parsed.success) valid.push({ row, input: parsed.data });
        else invalid.push({ row, messages: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`) });
      }
      const config = cliConfig();
      const { importOrganizations } = await import('../modules/registry/service.ts');
      const bar = progressBar('importing organizations');
      const result = await withDatabase(config, ({ db }) =>
        importOrganizations(db, cliActor('org import'), valid, { dryRun: options.dryRun, onProgress: (done, total) => bar.update(done, total) }),
      );
      bar.stop();
      const errors = [...invalid, ...result.errors].sort((a, b) => a.row - b.row);
      for (const error of errors) for (const message of error.messages) process.stderr.write(`row ${error.row}: ${message}\n`);
      const verb = options.dryRun ? 'would import' : 'imported';
      console.log(`${verb} ${result.created} of ${records.length} organizations; ${errors.length} rows refused`);
      if (errors.length && result.created === 0) process.exitCode = 1;
      else if (errors.length) process.exitCode = 3;
    });
}
