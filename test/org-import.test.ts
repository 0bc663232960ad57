import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargetFor, openDatabase } from '../src/db/database.ts';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';

let workDir: string;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-import-'));
  ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
});
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const HEADER = 'name,name_uk,country,kind,identifiers,capabilities,website,city,street\n';

describe('adi org import', { timeout: 240_000 }, () => {
  it('keeps valid rows, reports refused ones by row number, and sums up', async () => {
    const file = path.join(workDir, 'orgs.csv');
    fs.writeFileSync(
      file,
      '\ufeff' +
        HEADER +
        'Antonov Import,"Антонов, Імпорт",UA,manufacturer,UA-EDR-14307529,uav;air_defense,https://antonov.example,Kyiv,Tupoleva 1\n' + // row 2: fine
        'Bad Check Digit,Погана,UA,manufacturer,UA-EDR-14307528,,,,\n' + // row 3: check digit
        'Nordic Import AB,Нордік Імпорт,SE,supplier,XI-LEI-5493001KJTIIGC8Y1R12,ammunition,,,\n' + // row 4: fine
        'Same LEI,Той самий,SE,supplier,XI-LEI-5493001KJTIIGC8Y1R12,,,,\n' + // row 5: repeats row 4
        'No Kind,Без виду,PL,,,,,,\n' + // row 6: kind missing
        'Unknown Capability,Невідома,DE,integrator,,teleporters,,,\n', // row 7: unknown capability
    );
    const dry = await runAdi(['org', 'import', file, '--dry-run'], env);
    expect(dry.stdout).toContain('would import 2 of 6 organizations; 4 rows refused');

    const result = await runAdi(['org', 'import', file], env);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain('imported 2 of 6 organizations; 4 rows refused');
    expect(result.stderr).toMatch(/row 3: identifiers\.0: EDRPOU check digit should be 9, not 8/);
    expect(result.stderr).toMatch(/row 5: identifiers: XI-LEI-5493001KJTIIGC8Y1R12 is also given by row 4/);
    expect(result.stderr).toMatch(/row 6: kind:/);
    expect(result.stderr).toMatch(/row 7: capabilities: unknown codes teleporters/);

    const database = await openDatabase(databaseTargetFor({ databaseUrl: env.DATABASE_URL, dataDir: env.ADI_DATA_DIR }));
    try {
      const rows = await database.db.selectFrom('organizations').select(['name', 'name_uk', 'country', 'capabilities', 'addresses']).orderBy('name').execute();
      expect(rows.map((r) => [r.name, r.name_uk, r.country])).toEqual([
        ['Antonov Import', 'Антонов, Імпорт', 'UA'],
        ['Nordic Import AB', 'Нордік Імпорт', 'SE'],
      ]);
      expect(rows[0].addresses).toEqual([{ type: 'registered', street: 'Tupoleva 1', city: 'Kyiv', country: 'UA' }]);
      const audited = await database.db.selectFrom('audit_events').select('action').where('action', '=', 'organization.imported').execute();
      expect(audited).toHaveLength(2);
    } finally {
      await database.close();
    }

    // Importing the same file again refuses every row: the identifiers are taken.
    const again = await runAdi(['org', 'import', file], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/row 2: identifiers: UA-EDR-14307529 is already registered to Antonov Import/);
  });

  it('refuses a file without the required columns or with unknown ones, with exit code 2', async () => {
    const file = path.join(workDir, 'bad.csv');
    fs.writeFileSync(file, 'name,colour\nX,blue\n');
    const result = await runAdi(['org', 'import', file], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('lacks the required columns: name_uk, country, kind');
    expect((await runAdi(['org', 'import', path.join(workDir, 'missing.csv')], env)).code).toBe(2);
  });
});
