// `npm run bench`: every benchmark under bench/, one after the other (they compete for two cores).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const benches = ['bench/audit-log.ts', 'bench/startup.ts', 'bench/checkpoints-http.ts', 'bench/registry.ts', 'bench/ledger.ts', 'bench/screening/quality.ts', 'bench/screening/speed.ts', 'bench/screening/batch.ts', 'bench/portal.ts', 'bench/portal-web.ts', 'bench/events-scheduler.ts', 'bench/demo-seed.ts'];
let failed = 0;
for (const bench of benches) {
  console.log(`\n## ${bench}`);
  const result = spawnSync('npx', ['tsx', bench], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
