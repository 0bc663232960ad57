import { spawn } from 'node:child_process';
import path from 'node:path';

const ADI = path.resolve(import.meta.dirname, '../../bin/adi.js');

/** The outcome of one `adi` run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `adi …` as a child process with extra environment and optional standard input; `entry` runs
 * another build of the command (a bundle from buildServerBundle in ./serve.ts).
 */
export function runAdi(args: string[], env: Record<string, string>, stdin?: string, entry = ADI): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
