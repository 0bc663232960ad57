import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { SecretBox } from '../../src/core/secret-box.ts';
import type { AppDeps } from '../../src/core/http.ts';
import { type BuildAppOptions, WEB_DIST, buildApp } from '../../src/main.ts';
import { signerFromSeed } from '../../src/modules/audit/signing.ts';
import { TEST_AUDIT_SEED, TEST_SECRET_KEY, type TestApp, totpCode } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { launchChromium, seriousViolations } from './browser.ts';

// What the journeys through the registry and membership pages share: the platform on a fresh
// database with its own data folder, Chromium, one browser context per user, and helpers for
// signing in, Mantine selects, axe and screenshots.

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** A minimal, valid one-page PDF. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface Platform {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The whole platform (API and web app) listening on a free port, with a temporary ADI_DATA_DIR. */
export async function startPlatform(options: { prepare?: (deps: AppDeps) => Promise<BuildAppOptions['demo']> } = {}): Promise<Platform> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-e2e-'));
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ADI_RATE_LIMIT_PER_MINUTE: '100000', ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '100000', ADI_DATA_DIR: dataDir }, {});
  const signer = await signerFromSeed(TEST_AUDIT_SEED);
  const deps = { db: database.db, config, signer, secrets: new SecretBox(TEST_SECRET_KEY) };
  // A journey may load data first (the demo data set) and turn demo mode on for this app.
  const demo = await options.prepare?.(deps);
  const app = await buildApp(deps, { serveWeb: true, demo });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const t: TestApp = { app, database, deps, signer, logLines: [], close: async () => {} };
  return {
    t,
    browser,
    baseUrl: address.replace('127.0.0.1', 'localhost'),
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser context for one user, with the interface language chosen up front. */
export async function newContext(
  browser: Browser,
  language: 'uk' | 'en',
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: language === 'uk' ? 'uk-UA' : 'en-GB', viewport });
  await context.addInitScript({ content: `window.localStorage.setItem('adi.lang', '${language}')` });
  return context;
}

export async function expectAccessible(page: Page, label: string) {
  // Let pending queries settle, so axe sees the page as a person would.
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), `axe on ${label}`).toEqual([]);
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/Електронна пошта|Email/).fill(email);
  await page.getByLabel(/Пароль|Password/).first().fill(password);
  await page.getByRole('button', { name: /^(Увійти|Sign in)$/ }).click();
}

/** Signs a staff user in for the first time: enrols TOTP through the UI, as staff must. */
export async function signInStaff(page: Page, baseUrl: string, email: string, password: string) {
  await signIn(page, baseUrl, email, password);
  await page.waitForURL('**/enrol-totp');
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  await page.getByLabel(/Код|Code/).fill(await totpCode(secret));
  await page.getByRole('button', { name: /Увімкнути|Enable/ }).click();
  await page.waitForURL('**/app');
}

/** Picks an option of a Mantine Select/MultiSelect: type to filter, then click the option. */
export async function pick(scope: Page | Locator, page: Page, label: RegExp, typed: string, option: RegExp) {
  const input = scope.getByLabel(label).first();
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Runs a journey; on a failure, a full-page picture of every open page goes to the temp folder. */
export async function snapshotOnFailure<T>(browser: Browser, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pages = browser.contexts().flatMap((context) => context.pages());
    for (const [index, page] of pages.entries()) {
      await page.screenshot({ path: path.join(os.tmpdir(), `adi-e2e-failure-${index}.png`), fullPage: true }).catch(() => {});
    }
    throw error;
  }
}

/** A full-page screenshot for the docs, from the top (the header is fixed, so it is drawn where the page was scrolled). */
export async function shot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** Extra pictures for reviewing pages by eye (ADI_E2E_REVIEW=1), kept out of the docs. */
export async function peek(page: Page, name: string) {
  if (!process.env.ADI_E2E_REVIEW) return;
  const folder = path.join(os.tmpdir(), 'adi-review');
  fs.mkdirSync(folder, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}

/** Calls the API from a page with its session and CSRF token (setup steps a journey takes outside the UI). */
export async function apiCall(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { session: { csrfToken: string } };
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, url, body },
  );
}
