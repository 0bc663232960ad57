import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { totpCode } from './app.ts';

// `adi serve` as a child process and signing in to it over real HTTP: for the tests that need the
// server as operators run it (crash, restart, several nodes on one database, backups under load).

const ADI = path.resolve(import.meta.dirname, '../../bin/adi.js');

/** A running `adi serve` child. */
export interface ServedNode {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with `http://host:port` once the server listens; rejects if it exits first. */
  address: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
  /** Sends the signal (SIGKILL unless told) if the process still runs. */
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `adi serve --port 0` (a free port the server picks and prints) with the test's environment
 * on top of production settings and a rate limit no load reaches. `entry` runs another build of the
 * `adi` command (see buildServerBundle).
 */
export function serveAdi(env: Record<string, string>, args: string[] = [], entry = ADI): ServedNode {
  const child = spawn(process.execPath, [entry, 'serve', '--port', '0', ...args], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ADI_RATE_LIMIT_PER_MINUTE: '1000000', ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '1000000', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    void exited.then((code) => reject(new Error(`adi serve exited with ${code} before listening: ${output}`)));
  });
  address.catch(() => {});
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    address,
    exited,
    output: () => output,
    kill: (signal = 'SIGKILL') => {
      if (running()) child.kill(signal);
    },
    stop: async () => {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Bundles the `adi` command from the current sources as `npm run build` does (esbuild, packages left
 * external), into a new folder inside the checkout so that the packages resolve. For tests that start
 * the server many times: the bundle starts in about half the time of the sources through tsx, which
 * is what bin/adi.js runs until a build is fresh. Returns the entry to pass to serveAdi and a clean-up.
 */
export async function buildServerBundle(): Promise<{ entry: string; remove(): void }> {
  const cache = path.resolve(import.meta.dirname, '../../node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const outdir = fs.mkdtempSync(path.join(cache, 'adi-test-server-'));
  const source = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
  await build({ entryPoints: [source], outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  return { entry: path.join(outdir, 'main.js'), remove: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

/** The session cookie (name=value) a response sets. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => /^[^=]*adi_session=[^;]+/.test(c));
  if (!cookie) throw new Error(`no session cookie in the answer (status ${response.status})`);
  return cookie.split(';')[0];
}

/** A session over HTTP: the cookie and CSRF token to send, and the TOTP secret staff enrolled with. */
export interface HttpSession {
  cookie: string;
  csrf: string;
  totpSecret: string | null;
  /** Headers for a write with this session. */
  headers: Record<string, string>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * Signs in with e-mail and password; staff without two-factor sign-in enrol at once (setup, then
 * enable with a fresh code), so the session is full either way.
 */
export async function signInOverHttp(base: string, email: string, password: string): Promise<HttpSession> {
  const login = await expectStatus(await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password }) }), 200, 'login');
  let cookie = sessionCookie(login);
  let me = (await login.json()) as { session: { stage: string; csrfToken: string } };
  let totpSecret: string | null = null;
  if (me.session.stage === 'totp_enrolment') {
    const setup = await expectStatus(await fetch(`${base}/api/v1/auth/totp/setup`, { method: 'POST', headers: { cookie, 'x-csrf-token': me.session.csrfToken } }), 200, 'totp setup');
    totpSecret = ((await setup.json()) as { secret: string }).secret;
    const enable = await expectStatus(
      await fetch(`${base}/api/v1/auth/totp/enable`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, cookie, 'x-csrf-token': me.session.csrfToken },
        body: JSON.stringify({ code: await totpCode(totpSecret) }),
      }),
      200,
      'totp enable',
    );
    cookie = sessionCookie(enable);
    me = (await enable.json()) as typeof me;
  }
  return { cookie, csrf: me.session.csrfToken, totpSecret, headers: { cookie, 'x-csrf-token': me.session.csrfToken } };
}

/** Creates an API token for the session's user; its secret (sent as `Authorization: Bearer …`). */
export async function createApiToken(base: string, session: HttpSession, name: string): Promise<string> {
  const answer = await expectStatus(
    await fetch(`${base}/api/v1/auth/tokens`, { method: 'POST', headers: { ...JSON_HEADERS, ...session.headers }, body: JSON.stringify({ name }) }),
    201,
    'token creation',
  );
  return ((await answer.json()) as { secret: string }).secret;
}

/**
 * Sends JSON (or a Buffer as it is, with the content-type the headers give) with the headers given;
 * the status, the parsed body (or the text) and whether it was replayed.
 */
export async function sendJson(base: string, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const payload = body === undefined ? {} : Buffer.isBuffer(body) ? { headers, body } : { headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
  const response = await fetch(`${base}${url}`, { method, headers, ...payload });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (an empty 204): keep the text
  }
  // Loosely typed like app.inject's json(): each caller knows the shape it asked for.
  return { status: response.status, body: json as any, replayed: response.headers.get('idempotent-replayed') === 'true', text };
}
