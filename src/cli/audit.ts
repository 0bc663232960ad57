import type { Command } from 'commander';
import { CliError, cliConfig, progressBar, withDatabase } from './context.ts';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `adi audit verify` and `adi audit checkpoint`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('recompute the hash chain and check every signed checkpoint')
    .option('--json', 'print the result as JSON')
    .option('--public-key <hex>', 'also trust this checkpoint public key (repeatable)', collect, [])
    .action(async (options: { json?: boolean; publicKey: string[] }) => {
      for (const key of options.publicKey) if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new CliError(`--public-key must be 64 hex characters, not "${key}"`, 2);
      const config = cliConfig();
      const { loadCheckpointSigner } = await import('../modules/audit/signing.ts');
      const { verifyAuditLog } = await import('../modules/audit/service.ts');
      const signer = await loadCheckpointSigner(config);
      const started = performance.now();
      const bar = options.json ? undefined : progressBar('verifying');
      const result = await withDatabase(config, ({ db }) => verifyAuditLog(db, [signer.publicKeyHex, ...options.publicKey], (done, total) => bar?.update(done, total)));
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        console.log(JSON.stringify({ ...result, seconds: Number(seconds.toFixed(3)) }));
      } else if (result.ok) {
        console.log(`verified ${result.events} ${result.events === 1 ? 'event' : 'events'} and ${result.checkpoints} ${result.checkpoints === 1 ? 'checkpoint' : 'checkpoints'} in ${seconds.toFixed(2)} s` + (result.unsignedTail ? ` (${result.unsignedTail} newest events not yet covered by a checkpoint)` : ''));
      }
      if (!result.ok) {
        if (!options.json) process.stderr.write(`adi: audit log verification FAILED at sequence number ${result.firstBadSeq}: ${result.problem}\n`);
        process.exitCode = 1;
      }
    });
  audit
    .command('checkpoint')
    .description('sign a checkpoint of the current head now')
    .action(async () => {
      const config = cliConfig();
      const { loadCheckpointSigner } = await import('../modules/audit/signing.ts');
      const { signCheckpoint } = await import('../modules/audit/service.ts');
      const signer = await loadCheckpointSigner(config);
      const result = await withDatabase(config, ({ db }) => signCheckpoint(db, signer));
      if (!result) throw new CliError('the audit log is empty: nothing to sign');
      const cp = result.checkpoint;
      console.log(`${result.created ? 'signed' : 'already signed'} checkpoint at sequence number ${cp.seq} (events ${cp.fromSeq}..${cp.seq}), head ${cp.headHash}, key ${cp.keyId}`);
    });
}
