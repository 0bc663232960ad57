import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, seedDemo } from '../../src/modules/demo/seed.ts';
import { type Platform, SCREENSHOTS, newContext, snapshotOnFailure, startPlatform } from './platform.ts';

// The tour of the demo (issue #12): the demo data set is loaded as `adi serve --demo` loads it, demo
// mode is on, and for every role a visitor picks that role's account on the sign-in page, signs in
// (staff with the two-factor code the page shows) and visits the role's main pages. No page may log
// a console error or throw; each role's first page is the screenshot README's tour shows
// (docs/screenshots/tour/<role>.png).

const TOUR = path.join(SCREENSHOTS, 'tour');

/** Each role's main pages; the first one is its picture in README. The public visitor does not sign in. */
const ROLES: Array<{ role: string; email?: string; pages: string[] }> = [
  { role: 'public', pages: ['/', '/news', '/register/members', '/residents', '/register/awards', '/transparency', '/transparency/fund', '/events', '/open-data', '/faq'] },
  { role: 'company', email: 'company@', pages: ['/app', '/app/membership', '/app/regime', '/app/programs', '/app/localization', '/app/events'] },
  { role: 'officer', email: 'officer@', pages: ['/app/membership', '/app/registry/reviews', '/app/organizations', '/app/regime', '/app/localization', '/app/events', '/app/portal/news'] },
  { role: 'analyst', email: 'analyst@', pages: ['/app/screening', '/app/screening/lists', '/app/membership'] },
  { role: 'evaluator', email: 'evaluator@', pages: ['/app/programs/evaluations', '/app/programs'] },
  { role: 'fund_officer', email: 'fund.officer@', pages: ['/app/fund', '/app/fund/journal', '/app/fund/assets', '/app/fund/donations', '/app/programs/awards', '/app/programs/disbursements', '/app/fund/tracing'] },
  { role: 'auditor', email: 'auditor@', pages: ['/app/audit', '/app/fund/trial-balance', '/app/screening', '/transparency/audit'] },
  { role: 'admin', email: 'admin@', pages: ['/app/users', '/app/screening/lists', '/app/regime/settings', '/app/membership/deadlines'] },
];

let platform: Platform;
let summary: DemoSummary;
beforeAll(async () => {
  platform = await startPlatform({
    prepare: async (deps) => {
      summary = await seedDemo(deps, { sanctionsDir: path.resolve(import.meta.dirname, '../../../shared/data/sanctions') });
      return { enabled: true, password: summary.password };
    },
  });
  fs.mkdirSync(TOUR, { recursive: true });
}, 600_000);
afterAll(async () => platform?.close());

/** Console errors and uncaught exceptions of a page, as they happen. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // Signed out, the app learns it from /api/v1/auth/me answering 401, which Chromium logs as a failed load.
    if (message.type() === 'error' && !(message.text().includes('status of 401') && message.location().url.endsWith('/api/v1/auth/me'))) {
      errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  return errors;
}

async function visit(page: Page, baseUrl: string, pathname: string) {
  await page.goto(`${baseUrl}${pathname}`);
  await page.waitForLoadState('networkidle');
  // Every page renders its h1 (PageHeading); the not-found page does too, and has no place in a tour.
  const heading = page.getByTestId('page-title').first();
  await expect.poll(() => heading.count(), { message: `${pathname} has its heading` }).toBe(1);
  expect(await heading.textContent(), pathname).not.toMatch(/^Page not found$/);
}

describe('the demo tour', () => {
  it('loaded the whole demo data set', () => {
    expect(summary.companies).toBe(252);
    expect(summary.countries).toBe(30);
  });

  for (const { role, email, pages } of ROLES) {
    it(`${role}: signs in from the demo list and visits the main pages without a console error`, () =>
      snapshotOnFailure(platform.browser, async () => {
        const { baseUrl, browser } = platform;
        const context = await newContext(browser, 'en');
        const page = await context.newPage();
        const errors = watchErrors(page);
        if (email) {
          await page.goto(`${baseUrl}/sign-in`);
          await page.getByTestId('demo-accounts').waitFor();
          const account = page.getByRole('button', { name: new RegExp(`^Fill in the form for ${email.replace('.', '\\.')}`) });
          await account.click();
          await page.getByRole('button', { name: /^Sign in$/ }).click();
          await page.waitForURL((url) => url.pathname.startsWith('/app'));
        }
        for (const [index, pathname] of pages.entries()) {
          await visit(page, baseUrl, pathname);
          if (index === 0) {
            await page.evaluate('window.scrollTo(0, 0)');
            await page.screenshot({ path: path.join(TOUR, `${role}.png`) });
          }
        }
        expect(errors, `${role}: console errors`).toEqual([]);
        await context.close();
      }));
  }
});
