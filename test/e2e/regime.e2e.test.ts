import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { screenOrganization } from '../../src/modules/screening/cases-service.ts';
import { makeOrganization, makeUser } from '../support/app.ts';
import {
  PDF,
  type Platform,
  apiCall,
  expectAccessible,
  newContext,
  peek,
  pick,
  shot,
  signIn,
  signInStaff,
  snapshotOnFailure,
  startPlatform,
} from './platform.ts';

// The special economic regime through the real UI: a Ukrainian company (a confirmed beneficial
// owner, screened clear, its auditor's report uploaded) applies with passing figures and submits;
// an officer grants residency; the signed certificate downloads as a PDF and its public
// verification page, opened signed out on a phone, shows an active resident and a valid signature.
// The company then files an annual report whose defense income share is below 75 %: it fails that
// criterion, which opens a suspension proposal; the officer accepts it, and the resident and the
// verification page show the suspension. An administrator then previews and publishes the next
// rule set, changes the settings and the appeal commission, and reads the reporting, benefits and
// appeals pages. Every new page is scanned with axe-core.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

async function expectText(page: Page, testId: string, text: RegExp) {
  await expect.poll(() => page.getByTestId(testId).first().textContent(), { timeout: 15_000 }).toMatch(text);
}

/** Fills the figures form (money in major units, as a person types it). */
async function fillFigures(page: Page, figures: Record<string, string>) {
  for (const [field, value] of Object.entries(figures)) {
    const input = page.getByTestId(`figure-${field}`);
    if (field === 'currency') await input.selectOption(value);
    else await input.fill(value);
  }
}

/** Picks the auditor's report among the organization's documents by its title. */
async function chooseAuditorReport(page: Page, title: string) {
  const select = page.getByTestId('auditor-report');
  const value = await select.locator('option', { hasText: title }).getAttribute('value');
  await select.selectOption(value!);
}

describe('special economic regime journey', () => {
  it('grants residency, verifies the certificate, fails a report and suspends the resident', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const organization = await makeOrganization(t, 'Kyiv Drone Works LLC', {
        nameUk: 'ТОВ «Київські дронові заводи»',
        country: 'UA',
        identifiers: [{ scheme: 'UA-EDR', value: '32855961', identifier: 'UA-EDR-32855961' }],
        website: 'https://kyiv-drone-works.example',
      });
      const company = await makeUser(t, ['company'], { organizationId: organization.id, email: 'rep@kyiv-drone-works.example' });
      const officer = await makeUser(t, ['officer'], { email: 'regime.officer@adi.example' });
      // Screened against the (empty) lists: clear, so "no confirmed sanctions hit" has evidence.
      await screenOrganization(t.database.db, SYSTEM_ACTOR, organization.id);

      // --- The officer records the confirmed beneficial owner ------------------------------------
      const officerContext = await newContext(browser, 'uk');
      const op = await officerContext.newPage();
      await signInStaff(op, baseUrl, officer.email, officer.password);
      const owner = await apiCall(op, 'POST', `/api/v1/organizations/${organization.id}/owners`, {
        owner: { kind: 'new_person', person: { names: [{ fullName: 'Olena Kovalenko', script: 'Latn' }], nationalities: ['UA'] } },
        sharePercent: 100,
        controlKinds: [],
      });
      expect(owner.status).toBe(201);

      // --- The company uploads its auditor's report ------------------------------------------------
      const companyContext = await newContext(browser, 'en');
      const cp = await companyContext.newPage();
      await signIn(cp, baseUrl, company.email, company.password);
      await cp.waitForURL('**/app');
      await cp.goto(`${baseUrl}/app/organizations/${organization.id}?tab=documents`);
      await cp.getByTestId('document-type').selectOption('financial_statement');
      await cp.getByLabel('Document title').fill('Independent auditor’s report 2025');
      await cp.getByTestId('document-file').setInputFiles({ name: 'audit-2025.pdf', mimeType: 'application/pdf', buffer: PDF });
      await cp.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect.poll(() => cp.getByRole('row').filter({ hasText: 'Independent auditor’s report 2025' }).count()).toBe(1);

      // --- The application: a draft, passing figures, submitted ------------------------------------
      await cp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Special regime' }).click();
      await cp.waitForURL('**/app/regime');
      await cp.getByTestId('new-regime-application').waitFor();
      await expectAccessible(cp, 'regime applications (company, none yet)');
      await peek(cp, 'regime-applications-company');
      await cp.getByTestId('new-regime-application').click();
      await cp.waitForURL(/\/app\/regime\/applications\/[0-9a-f-]{36}$/);
      const applicationUrl = cp.url();
      await expectText(cp, 'regime-application-status', /Draft/);
      // Nothing entered yet: the figures and the auditor's report are missing evidence.
      await expectText(cp, 'evaluation-outcome', /Missing/);
      await expect.poll(() => cp.getByTestId('criterion-defense_income_share').getAttribute('data-outcome')).toBe('missing');
      await fillFigures(cp, {
        fiscalYear: '2025',
        currency: 'UAH',
        revenue: '12,500,000.00',
        qualifiedDefenseIncome: '10,000,000.50',
        employees: '48',
        averageMonthlyWage: '32,000',
        stateOwnershipPct: '0',
        localContentPct: '64.5',
        investment: '2,000,000',
        reinvestedProfit: '750,000',
      });
      // A typing mistake is caught before anything is sent.
      await cp.getByTestId('figure-landTax').fill('12.345');
      await cp.getByTestId('save-figures').click();
      await expect.poll(() => cp.getByTestId('figure-landTax').getAttribute('aria-invalid')).toBe('true');
      await cp.getByTestId('figure-landTax').fill('85,000');
      await cp.getByTestId('figure-propertyTax').fill('120,000');
      await cp.getByTestId('figure-environmentalTax').fill('15,500.25');
      await chooseAuditorReport(cp, 'Independent auditor’s report 2025');
      await cp.getByTestId('save-figures').click();
      await expect.poll(() => cp.getByRole('status').filter({ hasText: 'The figures were saved' }).count(), { timeout: 15_000 }).toBe(1);
      await expectText(cp, 'evaluation-outcome', /Pass/);
      await expect.poll(() => cp.getByTestId('criterion-defense_income_share').textContent()).toMatch(/Pass.*≥ 75 %.*80\.00 %/);
      expect(await cp.locator('[data-testid^="criterion-"][data-outcome="pass"]').count()).toBe(8);
      await expectAccessible(cp, 'regime application draft with figures');
      await peek(cp, 'regime-application-draft');

      await cp.getByTestId('action-submit').click();
      await cp.getByRole('dialog').getByRole('button', { name: 'Submit the application' }).click();
      await expectText(cp, 'regime-application-status', /Under checks/);
      await expect.poll(() => cp.getByTestId('figures-summary').textContent()).toContain('12,500,000.00 UAH');
      await expectAccessible(cp, 'submitted regime application (company)');
      await shot(cp, 'regime-application-evaluation.png');

      // --- The officer grants residency -------------------------------------------------------------
      await op.goto(`${baseUrl}/app/regime`);
      await expect.poll(() => op.getByRole('link', { name: 'Kyiv Drone Works LLC' }).count()).toBe(1);
      await expectAccessible(op, 'regime queue (officer)');
      await peek(op, 'regime-queue-officer');
      await op.getByRole('link', { name: 'Kyiv Drone Works LLC' }).click();
      await expectText(op, 'regime-application-status', /На перевірці/);
      await op.getByTestId('action-grant').click();
      await op.getByRole('dialog').getByRole('button', { name: 'Надати статус резидента' }).click();
      await expectText(op, 'regime-application-status', /Статус надано/);
      await op.getByTestId('open-resident').click();
      await op.waitForURL(/\/app\/regime\/residents\/[0-9a-f-]{36}$/);
      const residentUrl = op.url();
      await expectText(op, 'resident-status', /Чинний/);
      await expectAccessible(op, 'resident page (officer)');
      await peek(op, 'regime-resident-officer');

      // The certificate downloads as a PDF.
      const pdfHref = (await op.getByTestId('certificate-pdf').getAttribute('href'))!;
      expect(pdfHref).toMatch(/^\/api\/v1\/regime\/residents\/[0-9a-f-]{36}\/certificate\.pdf$/);
      const pdf = await op.evaluate(async (href) => {
        const response = await fetch(href);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { status: response.status, type: response.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
      }, pdfHref);
      expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      const verifyPath = (await op.getByTestId('verify-link').getAttribute('href'))!;
      expect(verifyPath).toMatch(/^\/verify\/[0-9a-f-]{36}$/);

      // --- Anyone checks the certificate, signed out, on a phone --------------------------------------
      const publicContext = await newContext(browser, 'en', { width: 390, height: 844 });
      const pp = await publicContext.newPage();
      await pp.goto(`${baseUrl}${verifyPath}`);
      await expectText(pp, 'resident-status', /^Active$/);
      await expect.poll(() => pp.getByTestId('signature-check').getAttribute('data-valid')).toBe('true');
      expect(await pp.getByTestId('signature-check').textContent()).toContain('Signature valid');
      expect(await pp.getByTestId('status-sentence').textContent()).toContain('Kyiv Drone Works LLC is an active resident');
      expect(await pp.getByTestId('certificate-message').textContent()).toMatch(/^adi-regime-certificate\/v1\n/);
      expect(await pp.getByTestId('signed-fields').textContent()).toContain('UA-EDR-32855961');
      // Nothing on the page is wider than the phone's screen.
      expect(await pp.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await expectAccessible(pp, 'certificate verification (phone, signed out)');
      await shot(pp, 'regime-verify-certificate.png');
      // An unknown certificate is said to be unknown.
      await pp.goto(`${baseUrl}/verify/019aa000-0000-7000-8000-00000000dead`);
      await pp.getByTestId('unknown-certificate').waitFor();
      await expectAccessible(pp, 'unknown certificate');
      // The public register lists the resident.
      await pp.goto(`${baseUrl}/residents`);
      await expect.poll(() => pp.getByTestId('public-resident').filter({ hasText: 'Kyiv Drone Works LLC' }).count()).toBe(1);
      expect(await pp.getByTestId('residents-csv').getAttribute('href')).toBe('/api/v1/public/regime/residents?sort=name&order=asc&status=current&scope=all&format=csv');
      await expectAccessible(pp, 'public register of residents');
      await peek(pp, 'regime-public-register');

      // --- The company's annual report fails the defense income criterion ---------------------------
      await cp.goto(`${baseUrl}${new URL(residentUrl).pathname}`);
      await expectText(cp, 'resident-status', /Active/);
      const year = new Date().getUTCFullYear();
      await expect.poll(() => cp.getByTestId('start-report').textContent()).toBe(`Start the report for ${year}`);
      await expectAccessible(cp, 'resident page (company)');
      await cp.getByTestId('start-report').click();
      await cp.waitForURL(/\/app\/regime\/reports\/[0-9a-f-]{36}$/);
      await expectText(cp, 'report-status', /Draft/);
      await fillFigures(cp, {
        currency: 'UAH',
        revenue: '14,000,000',
        qualifiedDefenseIncome: '9,800,000',
        employees: '52',
        averageMonthlyWage: '34,500',
        stateOwnershipPct: '0',
        localContentPct: '66',
        investment: '1,500,000',
        reinvestedProfit: '600,000',
      });
      await chooseAuditorReport(cp, 'Independent auditor’s report 2025');
      await expectAccessible(cp, 'annual report draft');
      await cp.getByTestId('submit-report').click();
      await cp.getByTestId('confirm-submit-report').click();
      await expectText(cp, 'report-status', /Failed/);
      await expect.poll(() => cp.getByTestId('criterion-defense_income_share').getAttribute('data-outcome')).toBe('fail');
      expect(await cp.getByTestId('criterion-defense_income_share').textContent()).toContain('70.00 %');
      expect(await cp.getByTestId('report-failed').textContent()).toContain('Qualified defense income at least 75 % of revenue');
      expect(await cp.locator('[data-testid^="criterion-"][data-outcome="fail"]').count()).toBe(1);
      await expectAccessible(cp, 'failed annual report');
      await peek(cp, 'regime-report-failed');

      // --- The officer accepts the suspension proposal ----------------------------------------------
      await op.goto(`${baseUrl}/app/regime/proposals`);
      const proposal = op.getByTestId('proposal-row').filter({ hasText: 'Kyiv Drone Works LLC' });
      await expect.poll(() => proposal.count()).toBe(1);
      // The failed criterion reads as its rule's label once the rules have loaded (a query of their own).
      await expect.poll(() => proposal.textContent()).toContain('Кваліфікований оборонний дохід не менше 75 % виручки');
      await expectAccessible(op, 'suspension proposals');
      await peek(op, 'regime-proposals');
      await proposal.getByTestId('proposal-accept').click();
      const dialog = op.getByRole('dialog');
      const grounds = 'Річний звіт за рік: кваліфікований оборонний дохід 70 % виручки, менше 75 %. / Defense income 70 % of revenue, below 75 %.';
      await dialog.getByLabel(/Підстави/).fill(grounds);
      await dialog.getByRole('button', { name: 'Зупинити статус' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => op.getByRole('status').filter({ hasText: 'зупинено' }).count()).toBe(1);

      await op.goto(residentUrl);
      await expectText(op, 'resident-status', /Зупинений/);
      await expectText(op, 'suspension', /70 %/);
      await expect.poll(() => op.getByTestId('cure-deadline').textContent()).not.toBe('—');
      await expectAccessible(op, 'suspended resident (officer)');

      // The public check shows the suspension.
      await pp.goto(`${baseUrl}${verifyPath}`);
      await expectText(pp, 'resident-status', /^Suspended$/);
      await expect.poll(() => pp.getByTestId('signature-check').getAttribute('data-valid')).toBe('true');
      expect(await pp.getByTestId('certificate-status').textContent()).toContain('Cure deadline');
      await shot(pp, 'regime-verify-suspended.png');

      // Setup steps must not have left the company able to decide anything.
      const refused = await apiCall(cp, 'POST', `/api/v1/regime/applications/${applicationUrl.split('/').pop()}/transitions`, { action: 'grant', version: 1 });
      expect(refused.status).toBe(403);

      for (const context of [companyContext, officerContext, publicContext]) await context.close();
    }));

  // Runs on what the journey above left: one suspended resident whose report for this year failed.
  it('lets an administrator preview and publish new rules, change the settings and the commission, and read the reporting and benefits', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const admin = await makeUser(t, ['admin'], { email: 'regime.admin@adi.example' });
      const context = await newContext(browser, 'en');
      const page = await context.newPage();
      await signInStaff(page, baseUrl, admin.email, admin.password);
      const regimeNav = page.getByRole('navigation', { name: 'Special regime pages' });

      // --- The rules in force, and the editor of the next version ---------------------------------
      await page.goto(`${baseUrl}/app/regime/rules`);
      await expect.poll(() => page.getByTestId('rule-set-1').getByTestId('in-force').count()).toBe(1);
      expect(await page.getByTestId('rule-set-1').textContent()).toContain('≥ 20000 UAH (1 EUR = 48.50 UAH; 1 USD = 41.80 UAH)');
      await expectAccessible(page, 'rule sets');
      await peek(page, 'regime-rules');
      await page.getByTestId('new-rule-set').click();
      await page.waitForURL('**/app/regime/rules/new');
      await expect.poll(() => page.getByTestId('criterion-1-key').inputValue()).toBe('defense_income_share');
      // The resident's latest report has 52 employees and a 70 % share: require 60 people and 65 %.
      await page.getByTestId('criterion-1-value').fill('65');
      await page.getByTestId('criterion-2-value').fill('sixty');
      await page.getByTestId('preview-rule-set').click();
      await expect.poll(() => page.getByTestId('criterion-2-value').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('criterion-2-value').fill('60');
      // A yes/no fact offers only equality and a switch for its value.
      await page.getByTestId('add-criterion').click();
      await page.getByTestId('criterion-8-key').fill('local_content');
      await page.getByTestId('criterion-8-label-uk').fill('Рівень локалізації не менше 50 %');
      await page.getByTestId('criterion-8-label-en').fill('Local content at least 50 %');
      await page.getByTestId('criterion-8-fact').selectOption('auditorReportAttached');
      expect(await page.getByTestId('criterion-8-op').locator('option').count()).toBe(2);
      await page.getByTestId('criterion-8-yes').waitFor();
      await page.getByTestId('criterion-8-fact').selectOption('localContentPct');
      expect(await page.getByTestId('criterion-8-op').locator('option').count()).toBe(6);
      expect(await page.getByTestId('criterion-8-op').inputValue()).toBe('gte');
      await page.getByTestId('criterion-8-value').fill('50');
      await page.getByTestId('preview-rule-set').click();
      const preview = page.getByTestId('preview-result');
      await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('1 of 1 current residents would fail these criteria');
      expect(await preview.textContent()).toMatch(/Kyiv Drone Works LLC.*report for \d{4}.*At least 9 employees: Fail/);
      expect(await preview.textContent()).not.toContain('Qualified defense income');
      expect(await preview.textContent()).not.toContain('Local content');
      await expectAccessible(page, 'rule set editor with a preview');
      await peek(page, 'regime-rules-editor');
      await page.getByTestId('rule-set-title').fill('Defense residents: stricter staffing');
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId('rule-set-effective-from').fill(tomorrow);
      await page.getByTestId('save-rule-set').click();
      await page.waitForURL('**/app/regime/rules');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Version 2 of the rules was saved' }).count()).toBe(1);
      expect(await page.getByTestId('rule-set-2').getByTestId('in-force').count()).toBe(0);

      // --- Settings and the appeals commission ------------------------------------------------------
      await regimeNav.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL('**/app/regime/settings');
      await page.getByTestId('setting-cureDays').fill('400');
      await page.getByTestId('save-settings').click();
      await expect.poll(() => page.getByTestId('setting-cureDays').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('setting-cureDays').fill('45');
      await page.getByTestId('save-settings').click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'The settings were saved' }).count()).toBe(1);
      await pick(page, page, /^Members of the commission/, 'regime.officer', /regime\.officer@adi\.example/);
      await page.keyboard.press('Escape');
      await page.getByTestId('save-commission').click();
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'regime.officer@adi.example' }).count()).toBe(1);
      await expectAccessible(page, 'regime settings');
      await peek(page, 'regime-settings');

      // --- Reporting, benefits and appeals ----------------------------------------------------------
      const year = String(new Date().getUTCFullYear());
      await regimeNav.getByRole('link', { name: 'Reporting' }).click();
      await page.waitForURL('**/app/regime/compliance');
      await page.getByTestId('compliance-year').selectOption(year);
      const row = page.getByTestId('compliance-row').filter({ hasText: 'Kyiv Drone Works LLC' });
      await expect.poll(() => row.textContent()).toMatch(/Suspended.*Failed/);
      await expectAccessible(page, 'compliance');
      await peek(page, 'regime-compliance');

      await regimeNav.getByRole('link', { name: 'Benefits' }).click();
      await page.waitForURL('**/app/regime/benefits');
      await page.getByTestId('benefits-year').selectOption(year);
      // 18 % of the 600,000.00 UAH reinvested; no land, property or environmental tax was given.
      await expect.poll(() => page.getByTestId('benefit-totals').textContent()).toMatch(/UAH\s*1\s*108,000\.00 UAH/);
      expect(await page.getByTestId('benefits-downloads').getByRole('link', { name: /CSV/ }).getAttribute('href')).toBe(`/api/v1/regime/benefits?year=${year}&format=csv`);
      const csv = await page.evaluate(async (href) => (await fetch(href)).text(), `/api/v1/regime/benefits?year=${year}&format=csv`);
      expect(csv).toContain('Kyiv Drone Works LLC');
      await expectAccessible(page, 'benefits');
      await peek(page, 'regime-benefits');

      await regimeNav.getByRole('link', { name: 'Appeals' }).click();
      await page.waitForURL('**/app/regime/appeals');
      await expect.poll(() => page.getByText('No appeals.').count()).toBe(1);
      await expectAccessible(page, 'appeals');

      await context.close();
    }));
});
