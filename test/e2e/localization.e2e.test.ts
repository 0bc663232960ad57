import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser } from '../support/app.ts';
import { PDF, type Platform, apiCall, expectAccessible, newContext, peek, shot, signIn, signInStaff, snapshotOnFailure, startPlatform } from './platform.ts';

// Localization through the real UI. An officer enters the need for 155 mm shells in 2026 and revises
// it (12,000 → 10,000 rounds, with a reason); three companies report their capacity (two through the
// form, one through the API), and two of them also report FPV drones through the API. The officer
// returns one report, the company corrects it, and the officer confirms all five. The dashboard then
// shows 7,500 confirmed rounds against a need of 10,000: 75.00 % coverage. Signed out, on a phone and
// on a desktop, the public page publishes ammunition (three balanced companies) and reads
// "suppressed" for UAVs (two companies), and shows no need anywhere. An administrator then adds,
// edits, archives and restores a category. Every page is scanned with axe-core, the dashboard and the
// public page in both languages.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

const SHELLS = 'ammunition.artillery.shells_155';
const FPV = 'uav.fpv';

/** Fills the capacity report form (quantities as a person types them). */
async function fillReport(page: Page, report: { category: string; year: string; output: string; capacity: string; imported: string; components?: string }) {
  await page.getByTestId('report-category').selectOption(report.category);
  await page.getByTestId('report-period-year').selectOption(report.year);
  await page.getByTestId('report-output').fill(report.output);
  await page.getByTestId('report-capacity').fill(report.capacity);
  await page.getByTestId('report-imported').fill(report.imported);
  if (report.components) await page.getByTestId('report-components').fill(report.components);
}

/** A row of the officers' queue: one organization's report in one category. */
function queueRow(page: Page, organization: string, category: RegExp) {
  return page.getByTestId('capacity-report-row').filter({ hasText: organization }).filter({ hasText: category });
}

describe('localization journey', () => {
  it('takes needs and capacity reports to the coverage on the dashboard and to suppressed public aggregates', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const shellWorks = await makeOrganization(t, 'Kharkiv Shell Works LLC', { nameUk: 'ТОВ «Харківський снарядний завод»' });
      const munitions = await makeOrganization(t, 'Dnipro Munitions JSC', { nameUk: 'АТ «Дніпровські боєприпаси»' });
      const ordnance = await makeOrganization(t, 'Lviv Ordnance LLC', { nameUk: 'ТОВ «Львівське озброєння»' });
      const repA = await makeUser(t, ['company'], { organizationId: shellWorks.id, email: 'rep@kharkiv-shells.example' });
      const repB = await makeUser(t, ['company'], { organizationId: munitions.id, email: 'rep@dnipro-munitions.example' });
      const repC = await makeUser(t, ['company'], { organizationId: ordnance.id, email: 'rep@lviv-ordnance.example' });
      const officer = await makeUser(t, ['officer'], { email: 'localization.officer@adi.example' });

      // --- The officer enters the need, finds it already there, and revises it ----------------------
      const officerContext = await newContext(browser, 'en');
      const op = await officerContext.newPage();
      await signInStaff(op, baseUrl, officer.email, officer.password);
      await op.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Localization', exact: true }).click();
      await op.waitForURL('**/app/localization');
      await op.getByRole('navigation', { name: 'Localization pages' }).getByRole('link', { name: 'Needs' }).click();
      await op.waitForURL('**/app/localization/needs');
      await op.getByTestId('need-category').selectOption(SHELLS);
      await op.getByTestId('need-period-year').selectOption('2026');
      await op.getByTestId('need-quantity').fill('12 000 rounds');
      await op.getByTestId('enter-need').click();
      await expect.poll(() => op.getByTestId('need-quantity').getAttribute('aria-invalid')).toBe('true');
      await op.getByTestId('need-quantity').fill('12,000');
      await op.getByLabel('Note (optional)').fill('Annual requirement of the ground forces');
      await op.getByTestId('enter-need').click();
      await expect.poll(() => op.getByRole('status').filter({ hasText: 'The need was entered: Artillery shells 155 mm, 2026' }).count(), { timeout: 15_000 }).toBe(1);
      const needRow = op.getByTestId('need-row').filter({ hasText: 'Artillery shells 155 mm' });
      await expect.poll(() => needRow.textContent()).toContain('12,000 rounds');
      // One need per category and period: a second one points to the first.
      await op.getByTestId('need-quantity').fill('5000');
      await op.getByTestId('enter-need').click();
      await op.getByTestId('need-exists').waitFor();
      await needRow.getByTestId('revise-need').click();
      const reviseDialog = op.getByRole('dialog');
      await reviseDialog.getByTestId('revise-quantity').fill('10000');
      await reviseDialog.getByLabel(/^Reason for the change/).fill('Revised after the spring assessment of stocks');
      await reviseDialog.getByRole('button', { name: 'Revise', exact: true }).click();
      await reviseDialog.waitFor({ state: 'detached' });
      await expect.poll(() => needRow.textContent()).toContain('10,000 rounds');
      await expectAccessible(op, 'needs (officer)');
      await peek(op, 'localization-needs');
      await needRow.getByRole('link', { name: 'Artillery shells 155 mm' }).click();
      await op.waitForURL(/\/app\/localization\/needs\/[0-9a-f-]{36}$/);
      await expect.poll(() => op.getByTestId('need-version').count()).toBe(2);
      expect(await op.getByTestId('need-history').textContent()).toMatch(/2\s*10,000 rounds.*Revised after the spring assessment of stocks.*1\s*12,000 rounds.*First entry/);
      await expectAccessible(op, 'need history');

      // --- Company A uploads its evidence and files through the form --------------------------------
      const contextA = await newContext(browser, 'en');
      const pa = await contextA.newPage();
      await signIn(pa, baseUrl, repA.email, repA.password);
      await pa.waitForURL('**/app');
      await pa.goto(`${baseUrl}/app/organizations/${shellWorks.id}?tab=documents`);
      await pa.getByTestId('document-type').selectOption('licence');
      await pa.getByLabel('Document title').fill('Production certificate 2026');
      await pa.getByTestId('document-file').setInputFiles({ name: 'certificate-2026.pdf', mimeType: 'application/pdf', buffer: PDF });
      await pa.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect.poll(() => pa.getByRole('row').filter({ hasText: 'Production certificate 2026' }).count()).toBe(1);
      await pa.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Capacity reports' }).click();
      await pa.waitForURL('**/app/localization/reports');
      await pa.getByTestId('new-capacity-report').waitFor();
      await expectAccessible(pa, 'capacity reports (company, none yet)');
      await pa.getByTestId('new-capacity-report').click();
      await pa.waitForURL('**/app/localization/reports/new');
      // The capacity may not be below the output: caught before anything is sent.
      await fillReport(pa, { category: SHELLS, year: '2026', output: '3,000', capacity: '2,500', imported: '20', components: 'Fuzes\nPropellant charges' });
      await pa.getByTestId('submit-capacity-report').click();
      await expect.poll(() => pa.getByTestId('report-capacity').getAttribute('aria-invalid')).toBe('true');
      await pa.getByTestId('report-capacity').fill('4,000');
      await pa.getByRole('checkbox', { name: /^Production certificate 2026 \(/ }).check();
      await expectAccessible(pa, 'capacity report form');
      await peek(pa, 'localization-report-form');
      await pa.getByTestId('submit-capacity-report').click();
      await pa.waitForURL(/\/app\/localization\/reports\/[0-9a-f-]{36}$/);
      await expect.poll(() => pa.getByTestId('capacity-report-status').textContent()).toBe('Submitted');
      await expect.poll(() => pa.getByTestId('report-facts').textContent()).toMatch(/3,000 rounds.*4,000 rounds.*20 %.*Fuzes.*Propellant charges.*Production certificate 2026/);
      await expectAccessible(pa, 'capacity report (company)');

      // --- Company B files through the form, in Ukrainian --------------------------------------------
      const contextB = await newContext(browser, 'uk');
      const pb = await contextB.newPage();
      await signIn(pb, baseUrl, repB.email, repB.password);
      await pb.waitForURL('**/app');
      await pb.goto(`${baseUrl}/app/localization/reports/new`);
      await fillReport(pb, { category: SHELLS, year: '2026', output: '2 500', capacity: '3 000', imported: '45' });
      await pb.getByTestId('submit-capacity-report').click();
      await pb.waitForURL(/\/app\/localization\/reports\/[0-9a-f-]{36}$/);
      await expect.poll(() => pb.getByTestId('capacity-report-status').textContent()).toBe('Подано');

      // --- Company C files through the API; A and B also report FPV drones -----------------------------
      const contextC = await newContext(browser, 'en');
      const pc = await contextC.newPage();
      await signIn(pc, baseUrl, repC.email, repC.password);
      await pc.waitForURL('**/app');
      const fileC = await apiCall(pc, 'POST', '/api/v1/localization/capacity-reports', { categoryCode: SHELLS, period: '2026', domesticOutput: 2000, capacity: 2600, importedContentPercent: 30, importedComponents: ['Fuzes'] });
      expect(fileC.status).toBe(201);
      for (const [page, output] of [[pa, 500], [pb, 300]] as const) {
        const filed = await apiCall(page, 'POST', '/api/v1/localization/capacity-reports', { categoryCode: FPV, period: '2026', domesticOutput: output, capacity: output * 2, importedContentPercent: 50 });
        expect(filed.status).toBe(201);
      }

      // --- The officer returns B's shells report and confirms the rest from the queue -----------------
      await op.goto(`${baseUrl}/app/localization/reports`);
      await expect.poll(() => op.getByTestId('capacity-report-row').count(), { timeout: 15_000 }).toBe(5);
      await expectAccessible(op, 'capacity report queue (officer)');
      await peek(op, 'localization-queue');
      await queueRow(op, 'Dnipro Munitions JSC', /Artillery shells 155 mm/).getByTestId('return-report').click();
      const returnDialog = op.getByRole('dialog');
      await returnDialog.getByLabel(/^What to correct/).fill('The imported content looks too high: check the share of imported fuzes.');
      await returnDialog.getByRole('button', { name: 'Return', exact: true }).click();
      await returnDialog.waitFor({ state: 'detached' });
      await expect.poll(() => op.getByTestId('capacity-report-row').count()).toBe(4);
      for (const [organization, category] of [
        ['Kharkiv Shell Works LLC', /Artillery shells 155 mm/],
        ['Lviv Ordnance LLC', /Artillery shells 155 mm/],
        ['Kharkiv Shell Works LLC', /FPV drones/],
        ['Dnipro Munitions JSC', /FPV drones/],
      ] as const) {
        const before = await op.getByTestId('capacity-report-row').count();
        await queueRow(op, organization, category).getByTestId('confirm-report').click();
        await op.getByTestId('confirm-decision').click();
        await op.getByRole('dialog').waitFor({ state: 'detached' });
        await expect.poll(() => op.getByTestId('capacity-report-row').count()).toBe(before - 1);
      }
      await op.getByText('No reports found.').waitFor();

      // --- Company B reads the reason and corrects the report -----------------------------------------
      await pb.goto(`${baseUrl}/app/localization/reports`);
      const returnedRow = pb.getByTestId('capacity-report-row').filter({ hasText: 'Артилерійські снаряди 155 мм' });
      await expect.poll(() => returnedRow.textContent(), { timeout: 15_000 }).toContain('The imported content looks too high');
      expect(await returnedRow.textContent()).toContain('Повернуто на виправлення');
      await expectAccessible(pb, 'capacity reports (company, one returned)');
      await returnedRow.getByTestId('correct-report').click();
      await pb.waitForURL(/\/app\/localization\/reports\/[0-9a-f-]{36}\/edit$/);
      await pb.getByTestId('returned-reason').waitFor();
      await pb.getByTestId('report-imported').fill('40');
      await expectAccessible(pb, 'correcting a returned report');
      await pb.getByTestId('submit-capacity-report').click();
      await pb.waitForURL(/\/app\/localization\/reports\/[0-9a-f-]{36}$/);
      await expect.poll(() => pb.getByTestId('capacity-report-status').textContent()).toBe('Подано');

      // --- The officer confirms the correction on the report's page -----------------------------------
      await op.goto(`${baseUrl}/app/localization/reports`);
      await queueRow(op, 'Dnipro Munitions JSC', /Artillery shells 155 mm/).getByRole('link', { name: 'Dnipro Munitions JSC' }).click();
      await op.waitForURL(/\/app\/localization\/reports\/[0-9a-f-]{36}$/);
      await expect.poll(() => op.getByTestId('report-facts').textContent()).toMatch(/2,500 rounds.*3,000 rounds.*40 %/);
      await expectAccessible(op, 'capacity report (officer)');
      await op.getByTestId('confirm-report').click();
      await op.getByTestId('confirm-decision').click();
      await expect.poll(() => op.getByTestId('capacity-report-status').textContent()).toBe('Confirmed');

      // --- The dashboard: 3,000 + 2,500 + 2,000 = 7,500 rounds against 10,000 is 75.00 % --------------
      await op.goto(`${baseUrl}/app/localization?period=2026`);
      const shellsRow = op.getByTestId(`gap-${SHELLS}`);
      await expect.poll(() => shellsRow.getByTestId('coverage').textContent(), { timeout: 15_000 }).toBe('75.00 %');
      expect(await shellsRow.textContent()).toMatch(/Artillery shells 155 mm\s*rounds\s*10,000\s*7,500\s*2,500\s*75\.00 %\s*75\.00 %\s*3\s*0/);
      // The top-level category adds up its sub-categories; UAVs have output but no need.
      expect(await op.getByTestId('gap-ammunition').getByTestId('coverage').textContent()).toBe('75.00 %');
      expect(await op.getByTestId(`gap-${FPV}`).textContent()).toMatch(/FPV drones\s*units\s*—\s*800\s*—\s*—\s*—\s*2\s*0/);
      expect(await op.getByTestId('coverage-chart').getAttribute('aria-label')).toContain('1 category');
      expect(await op.getByTestId('coverage-chart').textContent()).toContain('Ammunition: 75.00 %');
      await op.getByTestId('trend-chart').waitFor();
      const xlsx = (await op.getByTestId('gaps-downloads').getByRole('link', { name: /XLSX/ }).getAttribute('href'))!;
      expect(xlsx).toBe('/api/v1/localization/gaps?period=2026&format=xlsx');
      const download = await op.evaluate(async (href) => {
        const response = await fetch(href);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { status: response.status, type: response.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 2)) };
      }, xlsx);
      // A workbook is a ZIP file.
      expect(download).toEqual({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', head: 'PK' });
      await expectAccessible(op, 'localization dashboard (English)');
      await peek(op, 'localization-dashboard-en');
      await op.getByTestId('lang-switch').getByText('UA').click();
      await expect.poll(() => shellsRow.getByTestId('coverage').textContent()).toBe('75,00 %');
      await expectAccessible(op, 'localization dashboard (Ukrainian)');
      await shot(op, 'localization-dashboard.png');

      // The category's page: who makes the 7,500 rounds, and each one's share.
      await shellsRow.getByRole('link', { name: 'Артилерійські снаряди 155 мм' }).click();
      await op.waitForURL(/\/app\/localization\/categories\/ammunition\.artillery\.shells_155\?period=2026$/);
      await expect.poll(() => op.getByTestId('category-member').count()).toBe(3);
      expect(await op.getByTestId('category-members-table').textContent()).toMatch(/Kharkiv Shell Works LLC.*40,00 %.*Dnipro Munitions JSC.*33,33 %.*Lviv Ordnance LLC.*26,66 %/);
      expect(await op.getByTestId('category-coverage').textContent()).toBe('75,00 %');
      await expectAccessible(op, 'localization category (Ukrainian)');
      await peek(op, 'localization-category');

      // --- Signed out, on a phone: ammunition is published, UAVs are suppressed, no need shows ---------
      const phoneContext = await newContext(browser, 'uk', { width: 390, height: 844 });
      const phone = await phoneContext.newPage();
      await phone.goto(`${baseUrl}/localization`);
      const ammunition = phone.getByTestId('public-card-ammunition-2026');
      await expect.poll(() => ammunition.getAttribute('data-status'), { timeout: 15_000 }).toBe('published');
      // 7,500 rounds and 9,600 of capacity keep two significant figures; 75 % coverage is a band.
      expect(await ammunition.innerText()).toMatch(/Компаній\s+3\s+Виробництво\s+7\s500\s+Потужність\s+9\s600\s+Імпорт\s+30 %\s+Покриття\s+75–100 %/);
      const uav = phone.getByTestId('public-card-uav-2026');
      expect(await uav.getAttribute('data-status')).toBe('suppressed');
      expect(await uav.innerText()).toContain('приховано');
      expect(await phone.getByTestId('public-card-uav-total').innerText()).toContain('приховано');
      expect(await phone.getByTestId('localization-method').innerText()).toContain('щонайменше 3 компанії');
      const everything = (await phone.evaluate('document.body.textContent')) as string;
      expect(everything).not.toMatch(/10[\s,.]?000|12[\s,.]?000/);
      expect(await phone.getByTestId('localization-csv').getAttribute('href')).toBe('/open-data/localization/aggregates.csv');
      const openData = await phone.evaluate(async () => (await fetch('/open-data/localization/aggregates.json')).text());
      expect(openData).not.toMatch(/"need"|10000|12000/);
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await expectAccessible(phone, 'public localization (phone, Ukrainian)');
      await shot(phone, 'localization-public-phone.png');

      // On a desktop, in English: the same figures in a table per category.
      const desktopContext = await newContext(browser, 'en');
      const desktop = await desktopContext.newPage();
      await desktop.goto(`${baseUrl}/localization`);
      const ammunitionRow = desktop.getByTestId('public-row-ammunition-2026');
      await expect.poll(() => ammunitionRow.textContent(), { timeout: 15_000 }).toMatch(/^2026\s*3\s*7,500\s*9,600\s*30 %\s*75–100 %$/);
      expect(await desktop.getByTestId('public-row-uav-2026').textContent()).toBe('2026suppressed');
      expect(await desktop.getByTestId('public-row-ammunition-total').textContent()).toMatch(/All years.*7,500.*9,600/);
      await expectAccessible(desktop, 'public localization (desktop, English)');
      await shot(desktop, 'localization-public.png');

      for (const context of [officerContext, contextA, contextB, contextC, phoneContext, desktopContext]) await context.close();
    }));

  it('lets an administrator add, edit, archive and restore a category', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const admin = await makeUser(t, ['admin'], { email: 'taxonomy.admin@adi.example' });
      const context = await newContext(browser, 'en');
      const page = await context.newPage();
      await signInStaff(page, baseUrl, admin.email, admin.password);
      // Administrators keep the taxonomy but read no restricted figures: the section opens on it.
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Localization', exact: true }).click();
      await page.waitForURL('**/app/localization/taxonomy');
      await page.getByTestId('taxonomy').waitFor();
      await expectAccessible(page, 'taxonomy');
      await peek(page, 'localization-taxonomy');

      await page.getByTestId('category-parent').selectOption('uav');
      expect(await page.getByTestId('category-code').inputValue()).toBe('uav.');
      await page.getByTestId('category-code').fill('uav.interceptors');
      await page.getByTestId('category-nameUk').fill('Дрони-перехоплювачі');
      await page.getByTestId('category-nameEn').fill('Interceptor drones');
      await page.getByTestId('add-category').click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'The category “Interceptor drones” was added.' }).count(), { timeout: 15_000 }).toBe(1);
      const row = page.getByTestId('category-uav.interceptors');
      await expect.poll(() => row.textContent()).toContain('од. / units');

      await row.getByRole('button', { name: 'Edit the category “Interceptor drones”' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('category-nameEn').fill('Interceptor UAVs');
      await dialog.getByTestId('category-sortOrder').fill('25');
      await dialog.getByTestId('save-category').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => row.textContent()).toMatch(/Interceptor UAVs.*25.*Active/);

      await row.getByRole('button', { name: 'Archive the category “Interceptor UAVs”' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Archive', exact: true }).click();
      await expect.poll(() => row.textContent()).toContain('Archived');
      await row.getByRole('button', { name: 'Restore the category “Interceptor UAVs”' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Restore', exact: true }).click();
      await expect.poll(() => row.textContent()).toContain('Active');
      await context.close();
    }));
});
