/**
 * The sanctions-list formats the platform imports, and one entry point that parses any of them
 * into ListEntity. Parsing streams: entities are yielded as they are read. A malformed file throws
 * ListFormatError part-way through, so the caller must treat everything yielded before as void
 * (the importer stores a list only after the generator has finished).
 */
import type { ListEntity } from '../types.ts';
import { parseFtmJson } from './ftm-json.ts';
import { parseOfacCsv } from './ofac-csv.ts';
import type { ParseOptions } from './reading.ts';
import { parseSimpleCsv } from './simple-csv.ts';
import { parseUnXml } from './un-xml.ts';

export { ListFormatError, type ListWarning, type ParseOptions } from './reading.ts';

/** ofac-csv: OFAC SDN legacy CSV; un-xml: UN Security Council consolidated list; ftm-json: FollowTheMoney JSON lines (OpenSanctions); simple-csv: our own one-file CSV. */
export type ListFormat = 'ofac-csv' | 'un-xml' | 'ftm-json' | 'simple-csv';

const PARSERS: Record<ListFormat, (files: string[], options: ParseOptions) => AsyncGenerator<ListEntity>> = {
  'ofac-csv': parseOfacCsv,
  'un-xml': parseUnXml,
  'ftm-json': parseFtmJson,
  'simple-csv': parseSimpleCsv,
};

/** Parses the files of one list in the given format, yielding its entities in file order. */
export async function* parseList(format: ListFormat, files: string[], options: ParseOptions): AsyncGenerator<ListEntity> {
  const parse = PARSERS[format];
  if (!parse) throw new Error(`unknown list format ${JSON.stringify(format)}; expected one of ${Object.keys(PARSERS).join(', ')}`);
  // The source prefixes entity ids ("<source>:<id>"), so a colon in it would make ids ambiguous.
  if (!/^[a-z0-9][a-z0-9_.-]*$/i.test(options.source)) {
    throw new Error(`list source must be letters, digits, "_", "." or "-", got ${JSON.stringify(options.source)}`);
  }
  if (files.length === 0) throw new Error(`no files given for a ${format} list`);
  yield* parse(files, options);
}
