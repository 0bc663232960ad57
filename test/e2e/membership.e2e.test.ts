import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser } from '../support/app.ts';
import {
  PDF,
  type Platform,
  apiCall,
  expectAccessible,
  newContext as contextFor,
  peek,
  pick,
  shot,
  signIn as signInAt,
  signInStaff as signInStaffAt,
  snapshotOnFailure,
  startPlatform,
} from './platform.ts';

// The membership journey through the real UI, with a user per browser context: a company user
// registers the company, declares its owners through a holding company, uploads a document and
// applies; an officer confirms the proposals; an analyst records the manual screening check; the
// officer returns the application with a reason; the company fixes and resubmits; screening is
// cleared again; the officer approves; the member shows in the public register. Every new page is
// scanned with axe-core.

let platform: Platform;
let browser: Browser;
let baseUrl: string;
let t: Platform['t'];

beforeAll(async () => {
  platform = await startPlatform();
  ({ browser, baseUrl, t } = platform);
});
afterAll(async () => platform?.close());

const newContext = (language: 'uk' | 'en') => contextFor(browser, language);
const signIn = (page: Page, email: string, password: string) => signInAt(page, baseUrl, email, password);
const signInStaff = (page: Page, email: string, password: string) => signInStaffAt(page, baseUrl, email, password);

async function expectStatus(page: Page, status: RegExp) {
  await expect.poll(() => page.getByTestId('application-status').first().textContent()).toMatch(status);
}

describe('membership journey', () => {
  it('takes a company from registration to membership and into the public register', () => snapshotOnFailure(browser, async () => {
    // A company user not yet linked to any organization. (The identity service refuses to create a
    // company user without one, so the test unlinks it, as the registry's HTTP tests do.)
    const placeholder = await makeOrganization(t, 'Placeholder for the e2e user');
    const company = await makeUser(t, ['company'], { organizationId: placeholder.id, email: 'rep@skyforge.example' });
    await t.database.db.updateTable('users').set({ organization_id: null }).where('id', '=', company.user.id).execute();
    const officer = await makeUser(t, ['officer'], { email: 'officer@adi.example' });
    const analyst = await makeUser(t, ['analyst'], { email: 'analyst@adi.example' });

    // --- The company registers itself ------------------------------------------------------------
    const companyContext = await newContext('en');
    const cp = await companyContext.newPage();
    await signIn(cp, company.email, company.password);
    await cp.waitForURL('**/app');
    await cp.getByTestId('register-company').waitFor();
    await expectAccessible(cp, 'dashboard with the register-your-company call to action');
    await peek(cp, 'dashboard-with-the-register-your-company-call-to-action');
    await cp.getByTestId('register-company').click();
    await cp.waitForURL('**/app/organizations/new');

    await cp.getByLabel(/^Full legal name in English/).fill('Skyforge Defence Ltd');
    await cp.getByLabel(/^Full legal name in Ukrainian/).fill('Скайфорж Дефенс');
    await cp.getByLabel(/^Short name/).fill('Skyforge');
    await pick(cp, cp, /^Country of registration/, 'United Kingdom', /United Kingdom \(GB\)/);
    await cp.getByLabel(/^Kind of organization/).selectOption('manufacturer');
    await cp.getByLabel(/^Size/).selectOption('medium');
    await cp.getByLabel(/^Founded on/).fill('2015-04-01');
    await cp.getByLabel(/^Website/).fill('https://skyforge.example');
    await pick(cp, cp, /^Capabilities/, 'FPV', /FPV drones/);
    // A mistyped EDRPOU code: the server's message appears next to that entry.
    await cp.getByTestId('identifier-0').fill('UA-EDR-14307528');
    await cp.getByRole('button', { name: 'Add identifier' }).click();
    await cp.getByTestId('identifier-1').fill('GB-COH-09506232');
    await cp.getByLabel(/^Street and number/).fill('1 Forge Lane');
    await cp.getByLabel(/^City/).fill('Bristol');
    await cp.getByLabel(/^Postal code/).fill('BS1 4DJ');
    await cp.getByLabel(/^Full name/).fill('Alice Smith');
    await cp.getByLabel(/^Email/).fill('alice@skyforge.example');
    await cp.getByLabel(/^Phone/).fill('+44 117 496 0000');
    await expectAccessible(cp, 'organization registration form');
    await peek(cp, 'organization-registration-form');
    await cp.getByRole('button', { name: 'Register', exact: true }).click();
    await expect.poll(() => cp.getByTestId('identifier-0').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => cp.getByText(/EDRPOU check digit should be/).count()).toBe(1);
    await shot(cp, 'organization-register-errors.png');
    await cp.getByTestId('identifier-0').fill('UA-EDR-32855961');
    await cp.getByRole('button', { name: 'Register', exact: true }).click();

    await cp.waitForURL(/\/app\/organizations\/[0-9a-f-]{36}$/);
    const organizationUrl = cp.url();
    const organizationId = organizationUrl.split('/').pop()!;
    await expect.poll(() => cp.getByTestId('page-title').textContent()).toBe('Skyforge Defence Ltd');
    await expect.poll(() => cp.getByRole('status').filter({ hasText: 'registered' }).count()).toBe(1);
    await expectAccessible(cp, 'organization profile');
    await peek(cp, 'organization-profile');

    await cp.getByTestId('tab-identifiers').click();
    await expect.poll(() => cp.getByRole('row').filter({ hasText: 'UA-EDR-32855961' }).filter({ hasText: 'Awaiting confirmation' }).count()).toBe(1);
    await expectAccessible(cp, 'identifiers tab');
    await peek(cp, 'identifiers-tab');

    // --- Owners through a holding company --------------------------------------------------------
    await cp.getByTestId('tab-ownership').click();
    await cp.getByTestId('add-owner').click();
    let dialog = cp.getByRole('dialog');
    await dialog.getByTestId('owner-mode-new_organization').check();
    await dialog.getByLabel(/^Full legal name in English/).fill('Skyforge Holdings B.V.');
    await dialog.getByLabel(/^Full legal name in Ukrainian/).fill('Скайфорж Холдингс Б.В.');
    await pick(dialog, cp, /^Country of registration/, 'Netherlands', /Netherlands \(NL\)/);
    await dialog.getByLabel(/^Kind of organization/).selectOption('investor');
    await dialog.getByTestId('identifier-0').fill('NL-KVK-41202535');
    await dialog.getByTestId('owner-share').fill('80');
    await expectAccessible(cp, 'add owner dialog (new organization)');
    await peek(cp, 'add-owner-dialog-new-organization');
    await dialog.getByTestId('add-owner-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cp.getByRole('row').filter({ hasText: 'Skyforge Holdings B.V.' }).count()).toBe(1);
    await expectAccessible(cp, 'owners tab');
    await peek(cp, 'owners-tab');

    await cp.getByRole('link', { name: 'Skyforge Holdings B.V.' }).click();
    await expect.poll(() => cp.getByTestId('page-title').textContent()).toBe('Skyforge Holdings B.V.');
    for (const owner of [
      { names: ['Олена Коваленко', 'Olena Kovalenko'], nationality: ['Ukraine', /Ukraine \(UA\)/], share: '60' },
      { names: ['', 'Jan de Vries'], nationality: ['Netherlands', /Netherlands \(NL\)/], share: '40' },
    ] as const) {
      await cp.getByTestId('add-owner').click();
      dialog = cp.getByRole('dialog');
      await dialog.getByTestId('owner-mode-new_person').check();
      if (owner.names[0]) await dialog.getByTestId('person-name-0').fill(owner.names[0]);
      await dialog.getByTestId('person-name-1').fill(owner.names[1]);
      await pick(dialog, cp, /^Nationalities/, owner.nationality[0], owner.nationality[1]);
      await cp.keyboard.press('Escape'); // close the option list, not the dialog
      await dialog.getByTestId('owner-share').fill(owner.share);
      await dialog.getByTestId('add-owner-submit').click();
      await dialog.waitFor({ state: 'detached' });
    }
    await expect.poll(() => cp.getByRole('row').filter({ hasText: /Olena Kovalenko|Jan de Vries/ }).count()).toBe(2);

    // --- A document: a refused format first, then a PDF -------------------------------------------
    await cp.goto(`${organizationUrl}?tab=documents`);
    await cp.getByTestId('document-type').selectOption('localization_plan');
    await cp.getByLabel('Document title').fill('Localization plan 2027');
    await cp.getByTestId('document-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
    await cp.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => cp.getByText(/This kind of file is not accepted/).count()).toBe(1);
    await cp.getByTestId('document-file').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await cp.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => cp.getByRole('row').filter({ hasText: 'Localization plan 2027' }).count()).toBe(1);
    await expectAccessible(cp, 'documents tab');
    await peek(cp, 'documents-tab');

    // --- The membership application ----------------------------------------------------------------
    await cp.getByRole('link', { name: 'Membership', exact: true }).click();
    await cp.getByTestId('apply').click();
    await cp.waitForURL('**/app/membership/new');
    await pick(cp, cp, /^Oblast/, 'Kharkiv', /^Kharkiv Oblast$/);
    await cp.getByLabel(/^City or town/).fill('Kharkiv');
    await cp.getByTestId('investment').fill('1,250,000.50');
    await cp.getByLabel(/^Currency/).selectOption('EUR');
    await cp.getByLabel(/^Jobs/).fill('140');
    await pick(cp, cp, /^Capabilities/, 'FPV', /FPV drones/);
    await cp.getByLabel(/^Planned start of production/).fill('2027-03-01');
    await cp.getByLabel(/^Summary of the plan/).fill('Assembly of FPV drones in Kharkiv with 140 local jobs.');
    await cp.getByLabel(/Localization plan 2027/).check();
    await expectAccessible(cp, 'application form');
    await peek(cp, 'application-form');
    await cp.getByTestId('save-and-submit').click();
    await cp.waitForURL(/\/app\/membership\/applications\/[0-9a-f-]{36}$/);
    const applicationUrl = cp.url();
    await expectStatus(cp, /Compliance screening/);
    await expect.poll(() => cp.getByTestId('investment-shown').textContent()).toBe('1,250,000.50 EUR');
    await expectAccessible(cp, 'application page (company)');
    await peek(cp, 'application-page-company');
    await cp.goto(`${organizationUrl}?tab=applications`);
    await expect.poll(() => cp.getByRole('row').filter({ hasText: 'Compliance screening' }).count()).toBe(1);
    await expectAccessible(cp, 'applications tab');
    await cp.goto(applicationUrl);

    // --- The officer confirms the company's proposals ------------------------------------------------
    const officerContext = await newContext('uk');
    const op = await officerContext.newPage();
    await signInStaff(op, officer.email, officer.password);
    await op.goto(`${baseUrl}/app/registry/reviews`);
    await expect.poll(() => op.getByTestId('review-confirm').count()).toBeGreaterThan(0);
    await expectAccessible(op, 'registry reviews');
    await peek(op, 'registry-reviews');
    await shot(op, 'registry-reviews.png');
    for (let guard = 0; guard < 20 && (await op.getByTestId('review-confirm').count()) > 0; guard++) {
      const before = await op.getByTestId('review-confirm').count();
      await op.getByTestId('review-confirm').first().click();
      await op.getByRole('dialog').getByRole('button', { name: 'Підтвердити' }).click();
      await op.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(() => op.getByTestId('review-confirm').count()).toBeLessThan(before);
    }
    await expect.poll(() => op.getByText('Пропозицій на перевірку немає.').count()).toBe(1);

    // The ownership graph, now that the links are confirmed.
    await op.goto(`${organizationUrl}?tab=graph`);
    await op.getByTestId('ownership-graph').waitFor();
    expect(await op.getByTestId('graph-node-person').count()).toBe(2);
    expect(await op.getByTestId('graph-node-organization').count()).toBe(2);
    await expectAccessible(op, 'ownership graph');
    await peek(op, 'ownership-graph');
    await shot(op, 'organization-ownership-graph.png');
    await op.getByTestId('tab-beneficial').click();
    await expect.poll(() => op.getByRole('row').filter({ hasText: 'Olena Kovalenko' }).filter({ hasText: '48 %' }).count()).toBe(1);
    await expect.poll(() => op.getByRole('row').filter({ hasText: 'Jan de Vries' }).filter({ hasText: '32 %' }).count()).toBe(1);
    expect(await op.getByTestId('bods-link').getAttribute('href')).toBe(`/api/v1/organizations/${organizationId}/ownership.bods.json`);
    await expectAccessible(op, 'beneficial owners');
    await peek(op, 'beneficial-owners');

    // --- The analyst records the manual screening check --------------------------------------------
    const analystContext = await newContext('en');
    const ap = await analystContext.newPage();
    await signInStaff(ap, analyst.email, analyst.password);
    const clearScreening = async () => {
      await ap.goto(applicationUrl);
      await expectStatus(ap, /Compliance screening/);
      await ap.getByTestId('action-clear_screening').click();
      await ap.getByRole('dialog').getByLabel('Note').fill('Applicant and both beneficial owners checked by hand: no matches.');
      await ap.getByRole('dialog').getByRole('button', { name: 'Screening passed' }).click();
      await expectStatus(ap, /Under review/);
    };
    await clearScreening();

    // --- The officer returns the application with a reason --------------------------------------------
    await op.goto(`${baseUrl}/app/membership`);
    await expect.poll(() => op.getByRole('link', { name: 'Skyforge Defence Ltd' }).count()).toBe(1);
    await expectAccessible(op, 'officer work queue');
    await peek(op, 'officer-work-queue');
    await op.getByRole('link', { name: 'Skyforge Defence Ltd' }).click();
    await expectStatus(op, /На розгляді/);
    await op.getByTestId('action-return').click();
    const returnDialog = op.getByRole('dialog');
    await returnDialog.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
    await expect.poll(() => returnDialog.getByText('Укажіть причину.').count()).toBe(1);
    await expectAccessible(op, 'return dialog with a missing reason');
    await peek(op, 'return-dialog-with-a-missing-reason');
    const reason = 'Вкажіть 160 робочих місць, як у листі від 12 травня. / State the 160 jobs from your letter of 12 May.';
    await returnDialog.getByLabel(/Причина/).fill(reason);
    await returnDialog.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
    await expectStatus(op, /Повернуто на доопрацювання/);

    // --- The company sees the reason, fixes the plan and resubmits ---------------------------------
    await cp.goto(applicationUrl);
    await expectStatus(cp, /Returned for changes/);
    await expect.poll(() => cp.getByTestId('decision-reason').textContent()).toContain('160');
    await expectAccessible(cp, 'returned application (company)');
    await peek(cp, 'returned-application-company');
    await cp.getByTestId('edit-application').click();
    await cp.waitForURL('**/edit');
    await cp.getByLabel(/^Jobs/).fill('160');
    await expectAccessible(cp, 'application edit form');
    await peek(cp, 'application-edit-form');
    await cp.getByTestId('save-and-submit').click();
    await cp.waitForURL(/\/app\/membership\/applications\/[0-9a-f-]{36}$/);
    await expectStatus(cp, /Compliance screening/);

    // --- Screening cleared again; the officer approves --------------------------------------------------
    await clearScreening();
    // Another company's draft, filed on paper by the officer and left past its deadline, shows as overdue.
    const late = await makeOrganization(t, 'Late Paperwork Armour LLC', { nameUk: 'ТОВ «Запізніла броня»' });
    const created = await apiCall(op, 'POST', '/api/v1/membership/applications', { organizationId: late.id, siteOblast: 'UA-46', siteCity: 'Львів' });
    expect(created.status).toBe(201);
    await t.database.db.updateTable('membership_applications').set({ due_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', '=', (created.body as { id: string }).id).execute();
    await op.goto(`${baseUrl}/app/membership`);
    await expect.poll(() => op.locator('tr[data-overdue]').filter({ hasText: 'Late Paperwork Armour LLC' }).count()).toBe(1);
    await expect.poll(() => op.getByRole('row').filter({ hasText: 'Skyforge Defence Ltd' }).getByTestId('application-status').textContent()).toMatch(/На розгляді/);
    await shot(op, 'membership-officer-queue.png');
    await op.goto(applicationUrl);
    await op.getByTestId('action-approve').click();
    await op.getByRole('dialog').getByRole('button', { name: 'Схвалити' }).click();
    await expectStatus(op, /Член Альянсу/);
    await expect.poll(() => op.getByTestId('history').textContent()).toContain('160');
    await expectAccessible(op, 'approved application (officer)');
    await peek(op, 'approved-application-officer');

    await cp.goto(applicationUrl);
    await expectStatus(cp, /Member of the Alliance/);
    await shot(cp, 'membership-application.png');
    await cp.goto(`${baseUrl}/app/notifications`);
    await expect.poll(() => cp.getByText(/Welcome to the Alliance/).count()).toBeGreaterThan(0);
    await expectAccessible(cp, 'notifications (company)');
    await peek(cp, 'notifications-company');

    await op.goto(`${baseUrl}/app/membership/deadlines`);
    await op.getByRole('table').waitFor();
    await expectAccessible(op, 'deadlines (read only)');
    await peek(op, 'deadlines-read-only');

    // --- The public register, without signing in ------------------------------------------------------
    const publicContext = await newContext('uk');
    const pp = await publicContext.newPage();
    await pp.goto(`${baseUrl}/`);
    await pp.getByTestId('home-members').click();
    await pp.waitForURL('**/register/members');
    await expect.poll(() => pp.getByRole('row').filter({ hasText: 'Skyforge Defence Ltd' }).filter({ hasText: 'Скайфорж Дефенс' }).count()).toBe(1);
    // The download is every member in the page's sort (the whole register here).
    expect(await pp.getByTestId('members-csv').getAttribute('href')).toBe('/api/v1/public/members?sort=name&order=asc&scope=all&format=csv');
    const csv = await pp.evaluate(async () => (await fetch('/api/v1/public/members?sort=name&order=asc&scope=all&format=csv')).text());
    expect(csv).toContain('Skyforge Defence Ltd');
    await expectAccessible(pp, 'public register of members');
    await peek(pp, 'public-register-of-members');
    await shot(pp, 'public-register-members.png');

    for (const context of [companyContext, officerContext, analystContext, publicContext]) await context.close();
  }));
});
