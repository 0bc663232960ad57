import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { SecretBox } from '../../src/core/secret-box.ts';
import type { App } from '../../src/core/http.ts';
import { WEB_DIST, buildApp } from '../../src/main.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { signerFromSeed } from '../../src/modules/audit/signing.ts';
import { createStaffAccounts } from '../../src/modules/demo/accounts.ts';
import { createDemoAccounts } from '../../src/modules/identity/demo.ts';
import { createOrganization } from '../../src/modules/registry/service.ts';
import { TEST_AUDIT_SEED, TEST_SECRET_KEY } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { launchChromium, seriousViolations } from './browser.ts';
import { newContext } from './platform.ts';

// Demo mode on the sign-in page: the demo accounts are listed in both languages with a button that
// fills the form (with the current code for staff), and a staff account signs in with it. The same
// database served without demo mode shows no trace of them. The accounts are made directly (loading
// the whole data set is tested in src/modules/demo/demo.test.ts).

const PASSWORD = 'demo-e2e-password-1234';
let browser: Browser;
let demoUrl: string;
let plainUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-e2e-demo-'));
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ADI_RATE_LIMIT_PER_MINUTE: '100000', ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '100000', ADI_DATA_DIR: dataDir }, {});
  const deps = { db: database.db, config, signer: await signerFromSeed(TEST_AUDIT_SEED), secrets: new SecretBox(TEST_SECRET_KEY) };
  await createStaffAccounts(database.db, deps.secrets, SYSTEM_ACTOR, PASSWORD, 'e2e');
  const company = await createOrganization(database.db, SYSTEM_ACTOR, { name: 'Steel Falcon LLC', nameUk: 'ТОВ «Сталевий Сокіл»', country: 'UA', kind: 'manufacturer', addresses: [], contacts: [], capabilities: [], identifiers: [] });
  await createDemoAccounts(database.db, deps.secrets, SYSTEM_ACTOR, [{ email: 'company@demo.adi.example', displayName: 'Taras Oliinyk', roles: ['company'], organizationId: company.id }], PASSWORD);
  const apps: App[] = [await buildApp(deps, { serveWeb: true, demo: { enabled: true, password: PASSWORD } }), await buildApp(deps, { serveWeb: true })];
  const [demo, plain] = await Promise.all(apps.map((app) => app.listen({ port: 0, host: '127.0.0.1' })));
  demoUrl = demo!.replace('127.0.0.1', 'localhost');
  plainUrl = plain!.replace('127.0.0.1', 'localhost');
  browser = await launchChromium();
  close = async () => {
    await browser?.close();
    for (const app of apps) await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
});
afterAll(async () => close?.());

describe('demo accounts on the sign-in page', () => {
  it('lists them in demo mode (Ukrainian), fills the form with the current code, and signs the officer in', async () => {
    const context = await newContext(browser, 'uk');
    const page = await context.newPage();
    await page.goto(`${demoUrl}/sign-in`);
    const panel = page.getByTestId('demo-accounts');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => panel.getByRole('heading', { name: 'Демонстраційні облікові записи' }).isVisible()).toBe(true);
    expect(await page.getByTestId('demo-password').textContent()).toBe(PASSWORD);
    expect(await panel.getByText('officer@demo.adi.example', { exact: true }).isVisible()).toBe(true);
    expect(await panel.getByText('company@demo.adi.example', { exact: true }).isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'axe on the sign-in page in demo mode').toEqual([]);

    await panel.getByRole('button', { name: 'Заповнити форму для officer@demo.adi.example' }).click();
    expect(await page.getByLabel('Електронна пошта').inputValue()).toBe('officer@demo.adi.example');
    expect(await page.getByLabel('Пароль').inputValue()).toBe(PASSWORD);
    expect(await page.getByLabel('Код').inputValue()).toMatch(/^\d{6}$/);
    await page.getByRole('button', { name: /^Увійти$/ }).click();
    await page.waitForURL('**/app');
    await context.close();
  });

  it('shows the panel in English too, and a company account signs in without a code', async () => {
    const context = await newContext(browser, 'en');
    const page = await context.newPage();
    await page.goto(`${demoUrl}/sign-in`);
    const panel = page.getByTestId('demo-accounts');
    await expect.poll(() => panel.getByRole('heading', { name: 'Demo accounts' }).isVisible()).toBe(true);
    await panel.getByRole('button', { name: 'Fill in the form for company@demo.adi.example' }).click();
    expect(await page.getByLabel('Email').inputValue()).toBe('company@demo.adi.example');
    expect(await page.getByLabel('Code').count()).toBe(0);
    await page.getByRole('button', { name: /^Sign in$/ }).click();
    await page.waitForURL('**/app');
    await context.close();
  });

  it('never shows them when the platform is not in demo mode', async () => {
    const context = await newContext(browser, 'en');
    const page = await context.newPage();
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/v1/demo/accounts')) answers.push(response.status());
    });
    await page.goto(`${plainUrl}/sign-in`);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    expect(answers).toEqual([404]);
    expect(await page.getByTestId('demo-accounts').count()).toBe(0);
    expect(await page.content()).not.toContain(PASSWORD);
    expect(await page.content()).not.toContain('officer@demo.adi.example');
    await context.close();
  });
});
