/**
 * Shared by the list parsers' tests: where the real lists are (../shared/data, never copied into
 * the repository), scratch folders for hand-written files, and the invariants every parsed entity
 * must satisfy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { ListEntity } from '../types.ts';
import { ListFormatError, type ListWarning } from './reading.ts';

/** The repository root (this file is src/modules/screening/lists/test-helpers.ts). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');

/** A file under the shared data folder next to the repository. */
export function sharedData(...parts: string[]): string {
  return path.resolve(repoRoot, '..', 'shared', 'data', ...parts);
}

/** The OFAC SDN legacy CSV files of the shared snapshot. */
export const OFAC_FILES = ['sdn.csv', 'alt.csv', 'add.csv'].map((name) => sharedData('sanctions', 'ofac', name));

/** The UN consolidated list of the shared snapshot. */
export const UN_FILE = sharedData('sanctions', 'un', 'consolidated.xml');

/** Drains a parser into an array. */
export async function collect(entities: AsyncIterable<ListEntity>): Promise<ListEntity[]> {
  const all: ListEntity[] = [];
  for await (const entity of entities) all.push(entity);
  return all;
}

/** Collects warnings while a test parses. */
export function warningLog(): { warnings: ListWarning[]; onWarning: (warning: ListWarning) => void } {
  const warnings: ListWarning[] = [];
  return { warnings, onWarning: (warning) => warnings.push(warning) };
}

/** Writes files into a fresh temporary folder and returns their paths, in the order given. */
export function writeTempFiles(files: Record<string, string | Buffer>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-lists-'));
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  });
}

/** Runs a parse that must fail and returns its ListFormatError (fails the test on anything else). */
export async function formatError(entities: AsyncIterable<ListEntity>): Promise<ListFormatError> {
  try {
    await collect(entities);
  } catch (err) {
    expect(err).toBeInstanceOf(ListFormatError);
    return err as ListFormatError;
  }
  throw new Error('expected the parse to fail with a ListFormatError, but it succeeded');
}

/** What breaks the promises every importer makes about its entities (see ListEntity in ../types.ts); empty when none. */
export function entityInvariantViolations(entities: ListEntity[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entity of entities) {
    const fail = (problem: string) => problems.push(`${entity.id}: ${problem}`);
    if (!/^[a-z0-9][a-z0-9_.-]*:\S+$/i.test(entity.id)) fail('id is not <source>:<id>');
    if (ids.has(entity.id)) fail('id appears twice');
    ids.add(entity.id);
    if (!entity.caption.trim()) fail('empty caption');
    if (entity.names.length === 0) fail('no names');
    if (!entity.names.some((name) => name.kind === 'primary' && name.value === entity.caption)) fail('caption is not a primary name');
    for (const name of entity.names) if (!name.value.trim() || name.value !== name.value.trim()) fail(`name ${JSON.stringify(name.value)} is empty or untrimmed`);
    if (new Set(entity.names.map((name) => name.value)).size !== entity.names.length) fail('a name is listed twice');
    for (const date of entity.birthDates) if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) fail(`birth date ${date}`);
    for (const country of entity.countries) if (!/^[A-Z]{2}$/.test(country)) fail(`country ${country}`);
    for (const identifier of entity.identifiers) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(identifier.scheme)) fail(`identifier scheme ${identifier.scheme}`);
      if (!identifier.value.trim()) fail(`empty ${identifier.scheme} value`);
      if (identifier.country !== undefined && !/^[A-Z]{2}$/.test(identifier.country)) fail(`identifier country ${identifier.country}`);
    }
    for (const program of entity.programs) if (!program.trim()) fail('empty program');
    for (const url of entity.sourceUrls) if (!url.startsWith('https://')) fail(`source URL ${url}`);
  }
  return problems;
}
