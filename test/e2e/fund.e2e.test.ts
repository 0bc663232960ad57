import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/app.ts';
import { seriousViolations } from './browser.ts';
import { type Platform, SCREENSHOTS, apiCall, expectAccessible, newContext, peek, signInStaff, snapshotOnFailure, startPlatform } from './platform.ts';

// The fund's staff pages and the public Sankey chart, through the real UI: a fund officer records a
// donation and books a budget allocation through the forms (a server-side field error lands next to
// its input on the way), finds the entry in the journal, sees the trial balance balance and the
// sources on the tracing page; a payment out is then traced to its sources; a confiscated asset is
// taken through its steps to the booking of its sale's proceeds; and the public page draws the flows
// as a Sankey chart that axe-core finds accessible, on a desktop and on a phone.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

/** Picks an option of the Mantine Select found by its test id. */
async function choose(page: Page, testId: string, typed: string, option: RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describe('fund pages', () => {
  it('records a donation, books an entry, balances, traces and draws the public Sankey chart', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const officer = await makeUser(t, ['fund_officer'], { email: 'fund.officer@adi.example' });
      const context = await newContext(browser, 'en');
      const page = await context.newPage();
      await signInStaff(page, baseUrl, officer.email, officer.password);

      // The section is in the navigation and its overview lists the seeded accounts.
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Fund management' }).click();
      await page.waitForURL('**/app/fund');
      await page.getByTestId('accounts-UAH').waitFor();
      expect(await page.getByTestId('accounts-UAH').textContent()).toContain('1000.UAH.fund');
      await expectAccessible(page, 'fund overview');
      await peek(page, 'fund-overview');

      // --- A donation through the form ------------------------------------------------------------
      await page.getByRole('navigation', { name: 'Fund pages' }).getByRole('link', { name: 'Donations' }).click();
      await page.waitForURL('**/app/fund/donations');
      await page.getByTestId('record-donation').click();
      const dialog = page.getByRole('dialog', { name: 'New donation' });
      await dialog.getByTestId('donor-kind').selectOption('state');
      await dialog.getByTestId('donor-name').fill('Kingdom of Denmark');
      await dialog.getByTestId('donation-amount').fill('2,500,000.50');
      await dialog.getByTestId('donation-currency').selectOption('UAH');
      await expectAccessible(page, 'donation form');
      await dialog.getByTestId('submit-donation').click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'recorded and booked' }).count(), { timeout: 15_000 }).toBe(1);
      // The list refetches after the dialog closes: wait for it rather than read it once.
      await expect.poll(() => page.getByTestId('donations').textContent(), { timeout: 15_000 }).toMatch(/Kingdom of Denmark[\s\S]*2,500,000\.50 UAH/);

      // --- A budget allocation through the entry form ---------------------------------------------
      await page.getByRole('navigation', { name: 'Fund pages' }).getByRole('link', { name: 'Journal' }).click();
      await page.waitForURL('**/app/fund/journal');
      await page.getByTestId('book-entry').click();
      await page.waitForURL('**/app/fund/journal/new');
      await page.getByTestId('entry-description').fill('State budget allocation, first tranche');
      await page.getByTestId('entry-reference-type').selectOption('budget');
      await page.getByTestId('entry-reference-id').fill('KMU-2026-117');
      await choose(page, 'posting-0-account', '1000.UAH', /^1000\.UAH\.fund/);
      await page.getByTestId('posting-0-direction').selectOption('debit');
      await page.getByTestId('posting-0-amount').fill('1,000,000');
      await choose(page, 'posting-1-account', '4200', /^4200\.UAH\.budget/);
      await page.getByTestId('posting-1-direction').selectOption('credit');
      // Unbalanced lines are caught before anything is sent.
      await page.getByTestId('posting-1-amount').fill('999,999.99');
      await page.getByTestId('submit-entry').click();
      await expect.poll(() => page.getByTestId('postings-error').textContent()).toMatch(/debits must equal the credits/);
      await page.getByTestId('posting-1-amount').fill('1,000,000.00');
      expect(await page.getByTestId('entry-totals').textContent()).toContain('Balanced');
      // A booking date in the future passes the browser's check; the server's answer is shown at the date.
      await page.getByTestId('entry-date').fill('2099-01-01');
      await page.getByTestId('submit-entry').click();
      const dateInput = page.getByTestId('entry-date');
      await expect.poll(() => dateInput.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
      expect(await page.getByText('must not be in the future').count()).toBe(1);
      await expectAccessible(page, 'entry form with a field error');
      await peek(page, 'fund-entry-form');
      await dateInput.fill(new Date().toISOString().slice(0, 10));
      await page.getByTestId('submit-entry').click();

      // --- It is in the journal ---------------------------------------------------------------------
      await page.waitForURL('**/app/fund/journal');
      await expect.poll(() => page.getByRole('status').filter({ hasText: /Entry #\d+ posted/ }).count(), { timeout: 15_000 }).toBe(1);
      const entry = page.getByTestId('journal-entry').filter({ hasText: 'State budget allocation, first tranche' });
      await expect.poll(() => entry.count()).toBe(1);
      const entryText = await entry.textContent();
      expect(entryText).toContain('Posted');
      expect(entryText).toMatch(/Debit\s*1000\.UAH\.fund\s*1,000,000\.00 UAH/);
      expect(entryText).toMatch(/Credit\s*4200\.UAH\.budget\s*1,000,000\.00 UAH/);
      expect(entryText).toContain('KMU-2026-117');
      // A fund officer may reverse a posted entry (the server lists what is allowed).
      expect(await entry.getByTestId('entry-reverse').count()).toBe(1);
      await expectAccessible(page, 'journal');
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'fund-journal.png'), fullPage: true });

      // --- The trial balance balances ---------------------------------------------------------------
      await page.getByRole('navigation', { name: 'Fund pages' }).getByRole('link', { name: 'Trial balance' }).click();
      await page.waitForURL('**/app/fund/trial-balance');
      await expect.poll(() => page.getByTestId('trial-balance-status').textContent(), { timeout: 15_000 }).toContain('Balanced: debits equal credits');
      const uah = await page.getByTestId('trial-balance-UAH').textContent();
      // 2,500,000.50 donated + 1,000,000.00 allocated, debited to the bank account and credited to income.
      expect(uah).toMatch(/Total\s*3,500,000\.50 UAH\s*3,500,000\.50 UAH/);
      const csv = page.getByTestId('trial-balance-downloads').getByRole('link', { name: /CSV/ });
      expect(await csv.getAttribute('href')).toMatch(/\/api\/v1\/fund\/ledger\/trial-balance\?at=\d{4}-\d{2}-\d{2}&format=csv/);
      await expectAccessible(page, 'trial balance');
      await peek(page, 'fund-trial-balance');

      // A payment out (a setup step outside the UI), so that a use is traced to its sources.
      const paid = await apiCall(page, 'POST', '/api/v1/fund/ledger/entries', {
        currency: 'UAH',
        description: 'Award disbursement to Skyforge',
        referenceType: 'disbursement',
        referenceId: 'AWARD-7',
        postings: [
          { account: '5000.UAH.disbursements', direction: 'debit', amount: 300_000_000 },
          { account: '1000.UAH.fund', direction: 'credit', amount: 300_000_000 },
        ],
      });
      expect(paid.status).toBe(201);

      // --- Tracing: the sources, and the use opened to what paid it -----------------------------
      await page.getByRole('navigation', { name: 'Fund pages' }).getByRole('link', { name: 'Money tracing' }).click();
      await page.waitForURL('**/app/fund/tracing');
      const use = page.getByTestId('traced-use').filter({ hasText: 'Award disbursement to Skyforge' });
      await expect.poll(() => use.count(), { timeout: 15_000 }).toBe(1);
      await use.getByRole('button', { name: /2 sources/ }).click();
      const shares = await page.getByTestId('use-sources').textContent();
      // Oldest money first: all of the donation, then 500,000.00 of the budget allocation.
      expect(shares).toMatch(/Donation\s*Kingdom of Denmark\s*2,500,000\.50 UAH/);
      expect(shares).toMatch(/State budget\s*State budget allocation, first tranche\s*499,999\.50 UAH/);
      await expectAccessible(page, 'tracing, uses');
      await peek(page, 'fund-tracing-uses');
      await page.getByTestId('tab-sources').click();
      const source = page.getByTestId('traced-source').filter({ hasText: 'State budget allocation, first tranche' });
      await expect.poll(() => source.count(), { timeout: 15_000 }).toBe(1);
      expect(await source.textContent()).toMatch(/1,000,000\.00 UAH\s*499,999\.50 UAH\s*500,000\.50 UAH/);
      await expectAccessible(page, 'tracing, sources');
      await peek(page, 'fund-tracing-sources');

      // --- A confiscated asset, from its register entry to the booking of its sale's proceeds -------
      const created = await apiCall(page, 'POST', '/api/v1/fund/assets', {
        kind: 'vessel',
        description: 'Motor yacht “Aurora”, 42 m',
        legalBasis: { court: 'High Anti-Corruption Court', decisionNumber: '991/1234/24', decisionDate: '2024-05-14' },
        custodian: 'ARMA',
      });
      expect(created.status).toBe(201);
      await page.getByRole('navigation', { name: 'Fund pages' }).getByRole('link', { name: 'Confiscated assets' }).click();
      await page.getByRole('link', { name: 'Motor yacht “Aurora”, 42 m' }).click();
      await page.waitForURL('**/app/fund/assets/*');
      const moveTo = async (testId: string, status: string) => {
        await page.getByTestId(testId).click();
        await page.getByRole('dialog').getByRole('button', { name: /^Move to/ }).click();
        await expect.poll(() => page.getByTestId('asset-status').textContent(), { timeout: 15_000 }).toBe(status);
      };
      await moveTo('asset-to-confiscated', 'Confiscated');
      await moveTo('asset-to-in_management', 'In management');
      await moveTo('asset-to-for_sale', 'For sale');
      // "Sold" needs the sale on record: the form stands in for that step.
      expect(await page.getByTestId('asset-to-sold').count()).toBe(0);
      const sale = page.getByRole('form', { name: 'Record the sale' });
      await sale.getByLabel(/^Lot number/).fill('LOT-2026-17');
      await sale.getByLabel(/^Buyer/).fill('Black Sea Shipping LLC');
      await sale.getByLabel(/^Price/).fill('800,000');
      await sale.getByLabel(/^Costs of sale/).fill('50,000.25');
      await expectAccessible(page, 'asset for sale with the sale form');
      await sale.getByTestId('record-sale').click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sale recorded' }).count(), { timeout: 15_000 }).toBe(1);
      await moveTo('asset-to-sold', 'Sold');
      await moveTo('asset-to-proceeds_received', 'Proceeds received');
      await expect.poll(() => page.getByRole('region', { name: 'Sale', exact: true }).textContent(), { timeout: 15_000 }).toMatch(/Booked in the ledger\s*Yes/);
      const saleCard = await page.getByRole('region', { name: 'Sale', exact: true }).textContent();
      expect(saleCard).toMatch(/Net proceeds\s*749,999\.75 UAH/);
      expect(saleCard).toMatch(/Booked in the ledger\s*Yes/);
      await peek(page, 'fund-asset');
      // The sale card leads to the booking of the proceeds in the journal.
      await page.getByRole('link', { name: 'Yes (see the journal)' }).click();
      await page.waitForURL('**/app/fund/journal?referenceType=asset_sale&referenceId=*');
      await expect.poll(() => page.getByTestId('journal-entry').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByTestId('journal-entry').textContent()).toMatch(/Asset sale[\s\S]*749,999\.75 UAH/);
      await context.close();

      // --- The public page draws the flows --------------------------------------------------------
      for (const viewport of [
        { name: 'desktop', width: 1280, height: 900, language: 'uk' as const },
        { name: 'phone', width: 390, height: 844, language: 'en' as const },
      ]) {
        const publicContext = await newContext(browser, viewport.language, { width: viewport.width, height: viewport.height });
        const publicPage = await publicContext.newPage();
        await publicPage.goto(`${baseUrl}/transparency/fund`);
        const svg = publicPage.locator('svg[data-testid="sankey"]');
        await svg.waitFor({ timeout: 15_000 });
        expect(await svg.getAttribute('role')).toBe('img');
        expect(await svg.getAttribute('aria-label')).toMatch(/UAH/);
        expect(await publicPage.locator('path[data-testid="sankey-link"]').count()).toBeGreaterThanOrEqual(4);
        // The chart fits the phone's width: no sideways scrolling of the page.
        const box = await svg.boundingBox();
        expect(box!.width).toBeLessThanOrEqual(viewport.width);
        // Each band names its ends and amount on hover; the same figures are in the table.
        expect(await publicPage.locator('path[data-testid="sankey-link"] title').allTextContents()).toContainEqual(expect.stringMatching(/→.*3[\s,]000[\s,]000[.,]00 UAH/));
        await publicPage.locator('details.sankey-data summary').click();
        expect(await publicPage.getByTestId('sankey-table').textContent()).toMatch(/Виплати: Виплата за грантом|Payments: Award disbursement|Payments: /);
        const downloads = publicPage.getByTestId('public-fund-downloads').getByRole('link');
        expect(await downloads.count()).toBe(2);
        expect(await downloads.first().getAttribute('href')).toMatch(/sources-and-uses\?from=.*&format=csv/);
        await publicPage.waitForLoadState('networkidle');
        expect(await seriousViolations(publicPage), `axe on the public fund page (${viewport.name})`).toEqual([]);
        await publicPage.locator('details.sankey-data summary').click();
        await publicPage.screenshot({ path: path.join('/tmp', `fund-sankey-${viewport.name}.png`), fullPage: true });
        await publicContext.close();
      }
    }));
});
