// The sanctions lists are not part of the repository: the seed imports the shipped copies from a
// folder (`--sanctions-dir`, by default ../shared/data/sanctions from the working directory) through the
// screening service, exactly as `adi sanctions import` does, and picks the sanctioned owners from what it
// imported. Without the folder the seed says so and leaves those owners out.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditActor } from '../audit/service.ts';
import { currentListEntities, importList, listLists, match } from '../screening/service.ts';
import type { ListEntity } from '../screening/types.ts';
import type { DemoContext } from './context.ts';
import { UKRAINIAN_FORM_OF_GIVEN_NAME, cyrillicSpelling, romanizeUkrainian, shuffled } from './names.ts';

/** Where the shipped lists are, relative to the working directory, unless told otherwise. */
export const DEFAULT_SANCTIONS_DIR = '../shared/data/sanctions';

/** A listed person the seed makes an owner, spelled as a Ukrainian register would write them. */
export interface SanctionedPerson {
  entityId: string;
  /** The list's own name for them (`ROTENBERG, Arkady`). */
  caption: string;
  /** Ukrainian Cyrillic (`Аркадій Ротенберг`). */
  cyrillicName: string;
  /** Its official romanization (`Arkadii Rotenberh`), another spelling than the list's. */
  latinName: string;
  /** The full date of birth the list gives. */
  birthDate: string;
}

interface ListFiles {
  source: string;
  format: 'ofac-csv' | 'un-xml';
  files: string[];
}

/** The list files found in the folder: OFAC SDN (sdn.csv with alt.csv and add.csv) and the UN consolidated list. */
export function listFilesIn(dir: string): ListFiles[] {
  const found: ListFiles[] = [];
  const ofac = ['sdn.csv', 'alt.csv', 'add.csv'].map((name) => path.join(dir, 'ofac', name));
  if (fs.existsSync(ofac[0]!)) found.push({ source: 'ofac', format: 'ofac-csv', files: ofac.filter((file) => fs.existsSync(file)) });
  const un = path.join(dir, 'un', 'consolidated.xml');
  if (fs.existsSync(un)) found.push({ source: 'un', format: 'un-xml', files: [un] });
  return found;
}

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** What the lists step did. */
export interface SanctionsOutcome {
  dir: string;
  /** Lists imported now, with their entity counts. */
  imported: Array<{ source: string; entities: number }>;
  /** Lists already current with the same files (not imported again). */
  unchanged: string[];
  /** Set when the folder holds no lists: the sanctioned owners are left out. */
  missing: boolean;
}

/**
 * Imports the full OFAC and UN lists from the folder through the screening service (the same import as
 * `adi sanctions import`); a list whose current version came from the very same files is kept.
 */
export async function importSanctionsLists(context: DemoContext, dir: string, actor: AuditActor): Promise<SanctionsOutcome> {
  const lists = listFilesIn(dir);
  const outcome: SanctionsOutcome = { dir, imported: [], unchanged: [], missing: lists.length === 0 };
  if (lists.length === 0) {
    context.progress(`sanctions lists: none in ${dir}; the sanctioned owners are left out (give --sanctions-dir)`);
    return outcome;
  }
  const current = await listLists(context.db);
  for (const list of lists) {
    const hashes = list.files.map(sha256Of);
    const existing = current.find((l) => l.source === list.source);
    if (existing && existing.files.length === hashes.length && existing.files.every((f, i) => f.sha256 === hashes[i])) {
      outcome.unchanged.push(list.source);
      continue;
    }
    const result = await importList(context.db, actor, { format: list.format, source: list.source, files: list.files });
    outcome.imported.push({ source: list.source, entities: result.entityCount });
    context.progress(`sanctions lists: imported ${list.source} (${result.entityCount} entities)`);
  }
  return outcome;
}

// "ROTENBERG, Arkady" or "MIRONOV, Sergei Mikhailovich": a family name, a comma, given names.
const LIST_NAME = /^([A-Z][A-Z-]+), ([A-Z][a-z]+)(?: ([A-Z][a-z]+))?$/;
const RUSSIA_PROGRAMS = /^(UKRAINE-EO|RUSSIA-EO)/;

function candidate(entity: ListEntity): { family: string; given: string } | null {
  if (entity.schema !== 'Person' || !entity.countries.includes('RU') || !entity.programs.some((p) => RUSSIA_PROGRAMS.test(p))) return null;
  const primary = entity.names.find((n) => n.kind === 'primary')?.value ?? entity.caption;
  const parts = LIST_NAME.exec(primary);
  if (!parts) return null;
  const family = parts[1]!.charAt(0) + parts[1]!.slice(1).toLowerCase();
  return { family, given: parts[2]! };
}

/**
 * Picks `count` people of the imported OFAC list sanctioned over Russia's war (programs UKRAINE-EO…
 * and RUSSIA-EO…), in a seeded order, spelled the Ukrainian way (Cyrillic, and its official
 * romanization). Only spellings that the screening engine itself matches to the listed person are
 * kept, so screening their companies finds them.
 */
export async function pickSanctionedPeople(context: DemoContext, random: () => number, count: number): Promise<SanctionedPerson[]> {
  const entities = await currentListEntities(context.db, 'ofac', { schema: 'Person', country: 'RU' });
  const candidates = entities.flatMap((entity) => {
    const name = candidate(entity);
    return name ? [{ entity, ...name }] : [];
  });
  const picked: SanctionedPerson[] = [];
  for (const { entity, family, given } of shuffled(random, candidates)) {
    if (picked.length >= count) break;
    const cyrillicName = `${UKRAINIAN_FORM_OF_GIVEN_NAME[given] ?? cyrillicSpelling(given)} ${cyrillicSpelling(family)}`;
    const latinName = romanizeUkrainian(cyrillicName);
    if (latinName.toUpperCase() === `${given} ${family}`.toUpperCase()) continue; // the same spelling as the list's: no test of transliteration
    // The registry holds an owner's full date of birth: only people the list gives one for.
    const birthDate = entity.birthDates.find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    if (!birthDate) continue;
    const answer = await match(context.db, {
      queries: {
        cyrillic: { schema: 'Person', name: cyrillicName, country: 'RU', birthDate },
        latin: { schema: 'Person', name: latinName, country: 'RU', birthDate },
      },
      threshold: 0.7,
      limit: 3,
    });
    const found = (key: 'cyrillic' | 'latin') => answer.responses[key]?.results.some((r) => r.id === entity.id && r.match) ?? false;
    if (!found('cyrillic') || !found('latin')) continue;
    picked.push({ entityId: entity.id, caption: entity.caption, cyrillicName, latinName, birthDate });
  }
  return picked;
}
