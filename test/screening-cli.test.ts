import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';

// `adi sanctions import` and `adi screen` on the real OFAC and UN files in ../shared/data.

const SHARED = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'sanctions');
let workDir: string;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-screen-cli-'));
  ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
});
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('adi sanctions and adi screen', { timeout: 300_000 }, () => {
  it('imports the real OFAC and UN lists, refuses a malformed file naming its line and keeps the list', async () => {
    const ofac = await runAdi(['sanctions', 'import', '--format', 'ofac-csv', '--source', 'ofac', ...['sdn.csv', 'alt.csv', 'add.csv'].map((f) => path.join(SHARED, 'ofac', f))], env);
    expect(ofac.code, ofac.stderr).toBe(0);
    expect(ofac.stdout).toMatch(/imported ofac \(ofac-csv\): 8976 entities/);
    expect(ofac.stderr).toMatch(/reading list \(bytes\)|storing entities/);
    const un = await runAdi(['sanctions', 'import', '--json', '--format', 'un-xml', '--source', 'un', path.join(SHARED, 'un', 'consolidated.xml')], env);
    expect(un.code, un.stderr).toBe(0);
    expect(JSON.parse(un.stdout)).toMatchObject({ entityCount: 1003, list: { source: 'un', format: 'un-xml' } });

    const truncated = path.join(workDir, 'truncated.xml');
    fs.writeFileSync(truncated, fs.readFileSync(path.join(SHARED, 'un', 'consolidated.xml'), 'utf8').slice(0, 50_000));
    const broken = await runAdi(['sanctions', 'import', '--format', 'un-xml', '--source', 'un', truncated], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/truncated\.xml/);
    const wrongColumns = path.join(workDir, 'sdn.csv');
    fs.writeFileSync(wrongColumns, '36,"AEROCARIBBEAN AIRLINES",-0-,"CUBA"\n');
    const badCsv = await runAdi(['sanctions', 'import', '--format', 'ofac-csv', '--source', 'ofac', wrongColumns], env);
    expect(badCsv.code).toBe(1);
    expect(badCsv.stderr).toMatch(/sdn\.csv line 1/);
    expect((await runAdi(['sanctions', 'import', '--format', 'pdf', '--source', 'x', wrongColumns], env)).code).toBe(2);
    expect((await runAdi(['sanctions', 'import', '--format', 'un-xml', '--source', 'un', path.join(workDir, 'missing.xml')], env)).code).toBe(1);

    const lists = JSON.parse((await runAdi(['sanctions', 'list', '--json'], env)).stdout);
    expect(lists.items.map((l: { source: string; entityCount: number }) => [l.source, l.entityCount])).toEqual([
      ['ofac', 8976],
      ['un', 1003],
    ]);
  });

  it('screens one name as JSON in the documented shape, with schema, birth date and threshold', async () => {
    const found = await runAdi(['screen', '--json', '--schema', 'Person', 'Ali Khamenei'], env);
    expect(found.code, found.stderr).toBe(0);
    const result = JSON.parse(found.stdout);
    expect(Object.keys(result)).toEqual(['query', 'matches']);
    expect(result.query).toMatchObject({ name: 'Ali Khamenei', schema: 'Person' });
    expect(result.matches[0]).toEqual({ entityId: expect.stringMatching(/^(ofac|un):/), caption: expect.stringMatching(/KHAMENEI/i), score: expect.any(Number), matchedName: expect.any(String), source: expect.any(String), programs: expect.any(Array) });
    for (const m of result.matches) expect(m.score).toBeGreaterThanOrEqual(0.7);
    const strict = JSON.parse((await runAdi(['screen', '--json', '--threshold', '0.99', 'Ali Khamenei'], env)).stdout);
    expect(strict.matches.every((m: { score: number }) => m.score >= 0.99)).toBe(true);

    for (const args of [['screen'], ['screen', '--json', ''], ['screen', '--birth-date', '1939-13', 'X'], ['screen', '--threshold', '7', 'X'], ['screen', '--country', 'Iran', 'X']]) {
      const refused = await runAdi(args, env);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/^adi: /);
    }
  });

  it('screens a CSV batch into query_id,entity_id,score,matched_name rows, and names a bad line', async () => {
    const input = path.join(workDir, 'in.csv');
    const rows = ['id,name,schema,birth_date,country', 'q1,Ali Khamenei,Person,,', 'q2,"KHAMENEI, Ali",,1939,IR', 'q3,Maria Kowalska-Nowak,Person,,'];
    for (let i = 4; i < 300; i++) rows.push(`q${i},Person Number ${i},,,`);
    fs.writeFileSync(input, rows.join('\n'));
    const output = path.join(workDir, 'out.csv');
    const batch = await runAdi(['screen', '--batch', input, '--out', output], env);
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.stderr).toMatch(/screened 299 names in [\d.]+ s/);
    const lines = fs.readFileSync(output, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('query_id,entity_id,score,matched_name');
    expect(lines.some((l) => /^q1,(ofac|un):[^,]+,0\.\d{4}|^q1,(ofac|un):[^,]+,1\.0000/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('q2,'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('q3,'))).toEqual([]);

    const bad = path.join(workDir, 'bad.csv');
    fs.writeFileSync(bad, 'id,name\nq1,Ali Khamenei\nq2,\nq3,X\n');
    const refused = await runAdi(['screen', '--batch', bad, '--out', path.join(workDir, 'never.csv')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv line 3: name/);
    expect(fs.existsSync(path.join(workDir, 'never.csv'))).toBe(false);
    fs.writeFileSync(bad, 'identifier,fullname\n1,X\n');
    expect((await runAdi(['screen', '--batch', bad], env)).stderr).toMatch(/header must name the columns id and name/);
  });
});
