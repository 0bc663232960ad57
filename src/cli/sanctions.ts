import path from 'node:path';
import type { Command } from 'commander';
import { CliError, cliActor, cliConfig, progressBar, withDatabase } from './context.ts';

const FORMATS = ['ofac-csv', 'un-xml', 'ftm-json', 'simple-csv'] as const;

/** `adi sanctions import` and `adi sanctions list`: the sanctions lists screening uses. */
export function registerSanctions(program: Command): void {
  const sanctions = program.command('sanctions').description('sanctions lists for screening');
  sanctions
    .command('import')
    .description('load or replace a list version from its files; the previous version stays until the new one is complete')
    .requiredOption('--format <format>', `list format: ${FORMATS.join(', ')}`)
    .requiredOption('--source <name>', 'list name, e.g. ofac, un, opensanctions (also the id prefix of ftm-json and simple-csv entities)')
    .option('--json', 'print the result as JSON')
    .argument('<paths...>', 'the list files (ofac-csv: sdn.csv [alt.csv] [add.csv])')
    .action(async (paths: string[], options: { format: string; source: string; json?: boolean }) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`, 2);
      if (!/^[a-z0-9][a-z0-9_.-]{0,39}$/.test(options.source)) throw new CliError(`--source must be 1–40 lower-case letters, digits, "_", "." or "-", not "${options.source}"`, 2);
      const config = cliConfig();
      const { importList } = await import('../modules/screening/service.ts');
      const reading = options.json ? undefined : progressBar('reading list (bytes)');
      const storing = options.json ? undefined : progressBar('storing entities');
      const result = await withDatabase(config, ({ db }) =>
        importList(db, cliActor('sanctions import'), {
          format: options.format as (typeof FORMATS)[number],
          source: options.source,
          files: paths.map((p) => path.resolve(p)),
          onProgress: (phase, done, total) => (phase === 'reading' ? reading : storing)?.update(done, total),
        }),
      ).finally(() => {
        reading?.stop();
        storing?.stop();
      });
      if (options.json) {
        console.log(JSON.stringify({ list: result.list, entityCount: result.entityCount, warnings: result.warnings }));
        return;
      }
      console.log(`imported ${options.source} (${options.format}): ${result.list.entityCount} entities, ${result.list.nameCount} names, version ${result.list.versionId}`);
      if (result.list.warnings > 0) {
        console.log(`${result.list.warnings} values left out, for example:`);
        for (const w of result.warnings.slice(0, 5)) console.log(`  ${w.file}${w.line ? ` line ${w.line}` : ''}: ${w.message}`);
      }
    });
  sanctions
    .command('list')
    .description('print the imported lists and their current versions')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig();
      const { listLists } = await import('../modules/screening/service.ts');
      const lists = await withDatabase(config, ({ db }) => listLists(db));
      if (options.json) return void console.log(JSON.stringify({ items: lists }));
      if (lists.length === 0) return void console.log('no lists imported yet: adi sanctions import --format … --source … FILES');
      for (const l of lists) console.log(`${l.source.padEnd(16)} ${l.format.padEnd(11)} ${String(l.entityCount).padStart(7)} entities ${String(l.nameCount).padStart(8)} names  imported ${l.importedAt} by ${l.importedBy}`);
    });
}
