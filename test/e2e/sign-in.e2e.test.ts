import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST, buildApp } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { signerFromSeed } from '../../src/modules/audit/signing.ts';
import { SecretBox } from '../../src/core/secret-box.ts';
import { TEST_AUDIT_SEED, TEST_SECRET_KEY, makeUser, totpCode } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { launchChromium, seriousViolations } from './browser.ts';

// The first journey through the real UI: a staff user signs in, enrols TOTP, switches language, signs
// out, and signs in again with a code. Every page on the way is scanned with axe-core.

let browser: Browser;
let baseUrl: string;
let close: () => Promise<void>;
let t: Parameters<typeof makeUser>[0];
const screenshots = path.resolve(import.meta.dirname, '../../docs/screenshots');

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ADI_RATE_LIMIT_PER_MINUTE: '100000' }, {});
  const signer = await signerFromSeed(TEST_AUDIT_SEED);
  const deps = { db: database.db, config, signer, secrets: new SecretBox(TEST_SECRET_KEY) };
  const app = await buildApp(deps, { serveWeb: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = address.replace('127.0.0.1', 'localhost');
  t = { app, database, deps, signer, logLines: [], close: async () => {} };
  browser = await launchChromium();
  close = async () => {
    await browser?.close();
    await app.close();
    await database.close();
  };
});
afterAll(async () => close?.());

async function expectAccessible(page: Page, label: string) {
  expect(await seriousViolations(page), `axe on ${label}`).toEqual([]);
}

describe('sign-in journey', () => {
  it('signs in with TOTP enrolment, switches language, signs out, and signs in again with a code', async () => {
    const { email, password } = await makeUser(t, ['admin'], { email: 'e2e.admin@test.adi.example' });
    const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    fs.mkdirSync(screenshots, { recursive: true });

    // The site root, opened directly, is the public home page.
    const home = await page.goto(`${baseUrl}/`);
    expect(home?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').first().isVisible()).toBe(true);
    await expectAccessible(page, 'home (uk)');
    await page.screenshot({ path: path.join(screenshots, 'home.png') });

    await page.goto(`${baseUrl}/sign-in`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('uk');
    await expectAccessible(page, 'sign-in (uk)');
    await page.screenshot({ path: path.join(screenshots, 'sign-in.png') });
    await page.getByLabel(/Електронна пошта|Email/).fill(email);
    await page.getByLabel(/Пароль|Password/).first().fill(password);
    await page.getByRole('button', { name: /Увійти|Sign in/ }).click();

    await page.waitForURL('**/enrol-totp');
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await expectAccessible(page, 'TOTP enrolment');
    await page.screenshot({ path: path.join(screenshots, 'enrol-totp.png') });
    await page.getByLabel(/Код|Code/).fill(await totpCode(secret));
    await page.getByRole('button', { name: /Увімкнути|Enable/ }).click();

    await page.waitForURL('**/app');
    await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
    await expectAccessible(page, 'dashboard (uk)');
    const ukrainianTitle = await page.getByTestId('page-title').textContent();

    // Switch to English: the page stays, its text and <html lang> change.
    await page.getByTestId('lang-switch').getByText(/^(EN|English)$/).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(page.url()).toMatch(/\/app$/);
    await expect.poll(() => page.getByTestId('page-title').textContent()).not.toBe(ukrainianTitle);
    await expectAccessible(page, 'dashboard (en)');
    await page.screenshot({ path: path.join(screenshots, 'dashboard.png') });

    for (const [route, label] of [['/app/users', 'users'], ['/app/audit', 'audit log'], ['/app/account', 'account']] as const) {
      await page.goto(`${baseUrl}${route}`);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, label);
      await page.screenshot({ path: path.join(screenshots, `${label.replace(' ', '-')}.png`) });
    }

    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app'));
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
    await expectAccessible(page, 'home after sign-out');

    // Signing in again asks for a code (the next time step: the enrolment step cannot be replayed).
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel(/Email|Електронна пошта/).fill(email);
    await page.getByLabel(/Password|Пароль/).first().fill(password);
    await page.getByRole('button', { name: /Sign in|Увійти/ }).click();
    const code = page.getByLabel(/^(Code|Код)/);
    await code.waitFor();
    await code.fill(await totpCode(secret, 1));
    await page.getByRole('button', { name: /Sign in|Увійти|Confirm|Підтвердити/ }).click();
    await page.waitForURL('**/app');
    await context.close();
  });
});
