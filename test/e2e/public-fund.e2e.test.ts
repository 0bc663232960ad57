import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { createEntry } from '../../src/modules/fund/service.ts';
import { seriousViolations } from './browser.ts';
import { type Platform, SCREENSHOTS, startPlatform } from './platform.ts';

// The public page of the special defense fund: anyone reads the money in by source and out by use.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

describe('public fund page', () => {
  it('shows posted money by source and currency, exact, with no sign-in', async () => {
    const db = platform.t.database.db;
    const book = (currency: 'UAH' | 'EUR', income: string, amount: number, effectiveDate: string) =>
      createEntry(db, SYSTEM_ACTOR, {
        currency,
        description: 'public page fixture',
        referenceType: 'donation',
        effectiveDate,
        postings: [
          { account: `1000.${currency}.fund`, direction: 'debit', amount },
          { account: income, direction: 'credit', amount },
        ],
      });
    await book('EUR', '4100.EUR.donations', 2_000_000_00, '2026-03-01');
    await book('UAH', '4200.UAH.budget', 1_250_000_050, '2026-03-02');

    const context = await platform.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/transparency/fund`);
    const sources = page.getByRole('table', { name: /received|Надходження/ });
    await expect.poll(() => sources.textContent(), { timeout: 15_000 }).toMatch(/2,000,000\.00 EUR|2\s000\s000,00\sEUR/);
    expect(await sources.textContent()).toMatch(/12,500,000\.50 UAH|12\s500\s000,50\sUAH/);
    expect(await seriousViolations(page), 'axe on the public fund page').toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-fund.png'), fullPage: true });

    // A period with nothing in it says so.
    await page.getByLabel(/^(From|З)$/).fill('2027-01-01');
    await page.getByLabel(/^(To|По)$/).fill('2027-12-31');
    await expect.poll(() => page.getByText(/Nothing in this period|За цей період нічого немає/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await context.close();
  });
});
