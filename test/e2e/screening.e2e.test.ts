import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/app.ts';
import { PDF, type Platform, SCREENSHOTS, apiCall, expectAccessible, newContext, peek, signInStaff, snapshotOnFailure, startPlatform } from './platform.ts';

// Sanctions screening through the real UI: an administrator imports a small list through the form
// (a malformed file first: its file and line are shown, nothing is stored); an officer screens an
// organization whose owner is on it and sees open cases; the organization's membership application,
// submitted meanwhile, cannot be cleared while the case is open, and the page says why and links to
// the cases; an analyst reads the case side by side, meets a 409 because it was screened again while
// open, dismisses it with a reason, and the organization shows no open cases; screening is then
// cleared. The name check finds the list entry with its score. Pages are scanned with axe-core.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

const HEADER = 'id,schema,name,aliases,birth_date,countries,identifiers';
const GOOD_LIST = [
  HEADER,
  'p1,Person,Зеленський Олександр Петрович,Zelenskyi Oleksandr,1971-03-14,UA,',
  'o1,Organization,Northern Lights Trading LLC,NLT Trading,,RU,INN:7701234567',
  '',
].join('\n');
// Line 3 has a column too few.
const BAD_LIST = [HEADER, 'p1,Person,Someone Else,,1980,UA,', 'p2,Person,Broken Row,,1980,UA', ''].join('\n');

/** Uploads a PDF as a document of the organization (a raw body, as the documents tab sends it). */
async function uploadPdf(page: Page, organizationId: string): Promise<string> {
  const result = await page.evaluate(
    async ({ url, bytes }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { session: { csrfToken: string } };
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': me.session.csrfToken },
        body: new Uint8Array(bytes),
      });
      return { status: response.status, body: (await response.json()) as { id: string } };
    },
    { url: `/api/v1/organizations/${organizationId}/documents?type=statutes&fileName=statutes.pdf`, bytes: [...PDF] },
  );
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body.id;
}

describe('screening pages', () => {
  it('imports a list, screens an organization, blocks clearing, decides the case and checks a name', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const admin = await makeUser(t, ['admin'], { email: 'screening.admin@adi.example' });
      const officer = await makeUser(t, ['officer'], { email: 'screening.officer@adi.example' });
      const analyst = await makeUser(t, ['analyst'], { email: 'screening.analyst@adi.example' });

      // --- The administrator imports a list through the form -------------------------------------------
      const adminContext = await newContext(browser, 'en');
      const ap = await adminContext.newPage();
      await signInStaff(ap, baseUrl, admin.email, admin.password);
      await ap.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Sanctions screening' }).click();
      await ap.waitForURL('**/app/screening');
      await ap.getByRole('navigation', { name: 'Screening pages' }).getByRole('link', { name: 'Sanctions lists' }).click();
      await ap.waitForURL('**/app/screening/lists');
      await expect.poll(() => ap.getByTestId('lists').textContent()).toContain('No list has been imported yet.');
      const form = ap.getByRole('form', { name: 'Import or replace a list' });
      await form.getByLabel(/^Format/).selectOption('simple-csv');
      await form.getByLabel(/^Source/).fill('Watch List');
      await form.getByTestId('list-files').setInputFiles({ name: 'watch.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_LIST) });
      // The source name's rule is checked before anything is sent.
      await form.getByTestId('import-submit').click();
      await expect.poll(() => form.getByLabel(/^Source/).getAttribute('aria-invalid')).toBe('true');
      await form.getByLabel(/^Source/).fill('watch');
      await expectAccessible(ap, 'list import form');
      await form.getByTestId('import-submit').click();
      // The malformed file comes back naming the file and line; nothing is stored.
      await expect.poll(() => ap.getByTestId('import-error').textContent(), { timeout: 15_000 }).toMatch(/Error in file watch\.csv, line 3\.[\s\S]*expected 7 columns, got 6/);
      expect(await ap.getByTestId('list-row').count()).toBe(0);
      await expectAccessible(ap, 'list import with a file error');
      await peek(ap, 'screening-list-error');
      await form.getByTestId('list-files').setInputFiles({ name: 'watch.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_LIST) });
      await form.getByTestId('import-submit').click();
      await expect.poll(() => ap.getByRole('status').filter({ hasText: 'List “watch” imported: 2 entries, 0 warnings.' }).count(), { timeout: 30_000 }).toBe(1);
      const row = ap.getByTestId('list-row').filter({ hasText: 'watch' });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toMatch(/watch\s*Simple CSV\s*2\s*4/);
      await row.getByText(/Files and their SHA-256: 1/).click();
      expect(await row.textContent()).toMatch(/watch\.csv · \d+ B[0-9a-f]{64}/);
      await expectAccessible(ap, 'lists with an imported list');
      await peek(ap, 'screening-lists');
      // The admin's session stays open: it imports a changed list version further down.

      // --- An officer registers an organization whose owner is on the list, and screens it -------------
      const officerContext = await newContext(browser, 'en');
      const op = await officerContext.newPage();
      await signInStaff(op, baseUrl, officer.email, officer.password);
      const created = await apiCall(op, 'POST', '/api/v1/organizations', { name: 'Dnipro Optics LLC', nameUk: 'ТОВ «Дніпро Оптика»', country: 'UA', kind: 'manufacturer', identifiers: [] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const organizationId = (created.body as { id: string }).id;
      const owner = await apiCall(op, 'POST', `/api/v1/organizations/${organizationId}/owners`, {
        owner: { kind: 'new_person', person: { names: [{ fullName: 'Oleksandr Zelenskyy', script: 'Latn' }], birthDate: '1971-03-14' } },
        sharePercent: 30,
      });
      expect(owner.status, JSON.stringify(owner.body)).toBe(201);

      await op.goto(`${baseUrl}/app/organizations/${organizationId}`);
      const panel = op.getByTestId('screening-panel');
      // Background jobs do not run in this test server: nobody has screened it yet.
      await expect.poll(() => panel.getByTestId('screening-status').textContent()).toBe('Not screened yet');
      await panel.getByRole('button', { name: 'Screen now' }).click();
      await expect.poll(() => panel.getByTestId('screening-status').textContent(), { timeout: 15_000 }).toBe('Open cases');
      await expect.poll(() => op.getByRole('status').filter({ hasText: /Records screened: 2; matches: 1; new or reopened cases: 1\./ }).count()).toBe(1);
      expect(await panel.getByTestId('screening-summary').textContent()).toMatch(/Screened .+ · Open cases: 1 · confirmed: 0 · dismissed: 0/);
      await expectAccessible(op, 'organization page with its screening status');
      await peek(op, 'screening-organization-open');

      // The officer files the membership application and submits it (setup outside the UI): it is screened on submission.
      const documentId = await uploadPdf(op, organizationId);
      const application = await apiCall(op, 'POST', '/api/v1/membership/applications', {
        organizationId,
        siteOblast: 'UA-12',
        siteCity: 'Дніпро',
        investmentMinor: 250_000_000,
        investmentCurrency: 'EUR',
        jobs: 40,
        capabilities: ['uav'],
        plannedStart: '2027-03-01',
        documentIds: [documentId],
      });
      expect(application.status, JSON.stringify(application.body)).toBe(201);
      const applicationId = (application.body as { id: string }).id;
      const submitted = await apiCall(op, 'POST', `/api/v1/membership/applications/${applicationId}/transitions`, { action: 'submit', version: 1 });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect((submitted.body as { status: string; screening: { mode: string } }).screening.mode).toBe('automatic');

      // --- The analyst cannot clear screening while the case is open ---------------------------------------
      const analystContext = await newContext(browser, 'uk');
      const np = await analystContext.newPage();
      await signInStaff(np, baseUrl, analyst.email, analyst.password);
      await np.goto(`${baseUrl}/app/membership/applications/${applicationId}`);
      const notice = np.getByTestId('application-screening');
      await expect.poll(() => notice.textContent()).toContain('перевірено за санкційними списками');
      await expect.poll(() => notice.getByTestId('screening-status').textContent()).toBe('Є відкриті випадки');
      await np.getByTestId('action-clear_screening').click();
      await np.getByRole('dialog').getByRole('button', { name: 'Перевірку пройдено' }).click();
      const blocked = np.getByRole('dialog').getByTestId('screening-blocked');
      await expect.poll(() => blocked.textContent(), { timeout: 15_000 }).toContain('Спершу треба ухвалити рішення щодо відкритих випадків перевірки організації на санкції (відкритих: 1).');
      await expectAccessible(np, 'application: clearing refused by screening');
      await peek(np, 'screening-application-blocked');
      await np.getByRole('dialog').getByRole('button', { name: 'Скасувати' }).click();
      await np.getByRole('dialog').waitFor({ state: 'detached' });
      // Closed, the dialog leaves the explanation on the page, with the way to the cases.
      await np.getByTestId('screening-blocked').getByRole('link', { name: 'Випадки перевірки цієї організації' }).click();
      await np.waitForURL(new RegExp(`/app/screening\\?organizationId=${organizationId}$`));

      // --- The cases of the organization ---------------------------------------------------------------
      await expect.poll(() => np.getByTestId('organization-filter').textContent()).toContain('Dnipro Optics LLC');
      const caseRow = np.getByTestId('case-row').filter({ hasText: 'Oleksandr Zelenskyy' });
      await expect.poll(() => caseRow.count(), { timeout: 15_000 }).toBe(1);
      const caseText = (await caseRow.textContent())!;
      expect(caseText).toMatch(/Фізична особа · Власник/);
      expect(caseText).toMatch(/Зеленський Олександр Петрович\s*watch · Фізична особа/);
      expect(caseText).toMatch(/\d+\s?%/);
      expect(caseText).toContain('Відкритий');
      expect(caseText).toContain('Dnipro Optics LLC');
      await expectAccessible(np, 'screening cases list');
      await peek(np, 'screening-cases');
      await caseRow.getByRole('link', { name: 'Oleksandr Zelenskyy' }).click();
      await np.waitForURL('**/app/screening/cases/*');
      const caseId = np.url().split('/').pop()!;

      // --- The case: both records side by side ----------------------------------------------------------
      const subject = np.getByTestId('subject');
      const entity = np.getByTestId('entity');
      await subject.waitFor();
      const [subjectBox, entityBox] = [await subject.boundingBox(), await entity.boundingBox()];
      expect(Math.abs(subjectBox!.y - entityBox!.y)).toBeLessThan(2);
      expect(entityBox!.x).toBeGreaterThan(subjectBox!.x + subjectBox!.width - 1);
      expect(await subject.textContent()).toMatch(/Oleksandr Zelenskyy[\s\S]*Власник[\s\S]*1971-03-14/);
      const entityText = (await entity.textContent())!;
      expect(entityText).toMatch(/Зеленський Олександр Петрович \(основне ім’я/);
      expect(entityText).toMatch(/Zelenskyi Oleksandr \(інше ім’я/);
      expect(entityText).toContain('watch · watch:p1');
      expect(entityText).toContain('Україна (UA)');
      // The list's name that matched is marked, and says so in words.
      const marked = await entity.locator('mark').allTextContents();
      expect(marked).toHaveLength(1);
      expect(entityText).toContain(`${marked[0]} (`);
      expect(await entity.locator('[data-matched]').textContent()).toMatch(/збіглося\)$/);
      const evidence = (await np.getByTestId('evidence').textContent())!;
      expect(evidence).toMatch(/Ім’я\s*Oleksandr Zelenskyy/);
      expect(evidence).toMatch(/Дата народження\s*1971-03-14\s*1971-03-14\s*(Підвищує оцінку: \+|Не впливає)/);
      expect(await np.getByTestId('case-organizations').getByRole('link', { name: 'Dnipro Optics LLC' }).getAttribute('href')).toBe(`/app/organizations/${organizationId}`);
      await expectAccessible(np, 'screening case');
      await np.evaluate('window.scrollTo(0, 0)');
      await np.screenshot({ path: path.join(SCREENSHOTS, 'screening-case.png'), fullPage: true });

      // The reason's rule is shown and checked before anything is sent.
      const decision = np.getByTestId('decision-form');
      await decision.getByLabel(/^Відхилити/).check();
      await decision.getByLabel(/^Обґрунтування/).fill('Не він');
      await decision.getByTestId('decision-submit').click();
      await expect.poll(() => decision.getByLabel(/^Обґрунтування/).getAttribute('aria-invalid')).toBe('true');
      expect(await decision.textContent()).toContain('Обґрунтування має містити щонайменше 10 символів.');
      // Meanwhile the list entry changes (a new alias) and the organization is screened again: the open
      // case is refreshed and its version moves on, so this decision is refused.
      const changedList = GOOD_LIST.replace('Zelenskyi Oleksandr,', 'Zelenskyi Oleksandr;Selenskyj Alexander,');
      expect(changedList).not.toBe(GOOD_LIST);
      const reimport = await apiCall(ap, 'POST', '/api/v1/screening/lists', { format: 'simple-csv', source: 'watch', files: [{ name: 'watch.csv', content: changedList }] });
      expect(reimport.status).toBe(201);
      const rescreen = await apiCall(np, 'POST', `/api/v1/screening/organizations/${organizationId}/screen`, {});
      expect(rescreen.status).toBe(200);
      const reason = 'Дата народження збігається, але за паспортом у реєстрі це інша особа: по батькові Іванович.';
      await decision.getByLabel(/^Обґрунтування/).fill(reason);
      await decision.getByTestId('decision-submit').click();
      await expect.poll(() => np.getByTestId('decision-conflict').textContent(), { timeout: 15_000 }).toContain('Поки ви читали випадок, його змінили');
      await expectAccessible(np, 'screening case with a stale decision');
      await np.getByTestId('decision-conflict').getByRole('button', { name: 'Перечитати випадок' }).click();
      await expect.poll(() => np.getByTestId('decision-conflict').count()).toBe(0);
      await decision.getByTestId('decision-submit').click();
      await expect.poll(() => np.getByRole('status').filter({ hasText: 'Випадок відхилено: це не збіг.' }).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => np.getByTestId('decision').textContent()).toContain(reason);
      expect(await np.getByTestId('case-status').first().textContent()).toBe('Відхилено: не збіг');
      expect(await np.getByTestId('decision-form').count()).toBe(0);
      await peek(np, 'screening-case-dismissed');

      // --- Clear-ish: no open cases; the application's screening is cleared ---------------------------------
      await op.reload();
      await expect.poll(() => op.getByTestId('screening-panel').getByTestId('screening-status').textContent(), { timeout: 15_000 }).toBe('No matches');
      expect(await op.getByTestId('screening-summary').textContent()).toMatch(/Open cases: 0 · confirmed: 0 · dismissed: 1/);
      await op.getByTestId('screening-cases-link').click();
      await op.waitForURL(new RegExp(`/app/screening\\?organizationId=${organizationId}$`));
      await expect.poll(() => op.getByTestId('cases').textContent()).toContain('No cases match these filters.');
      await op.getByTestId('case-status-filter').selectOption('any');
      await expect.poll(() => op.getByTestId('case-row').filter({ hasText: 'Dismissed: not a match' }).count()).toBe(1);
      // Officers read cases but do not decide them.
      await op.getByTestId('case-row').getByRole('link', { name: 'Oleksandr Zelenskyy' }).click();
      await op.waitForURL(`**/app/screening/cases/${caseId}`);
      await expect.poll(() => op.getByTestId('decision').textContent()).toContain(reason);
      expect(await op.getByTestId('decision-form').count()).toBe(0);
      await officerContext.close();

      await np.goto(`${baseUrl}/app/membership/applications/${applicationId}`);
      await expect.poll(() => np.getByTestId('application-screening').getByTestId('screening-status').textContent()).toBe('Збігів немає');
      await np.getByTestId('action-clear_screening').click();
      await np.getByRole('dialog').getByRole('button', { name: 'Перевірку пройдено' }).click();
      await expect.poll(() => np.getByTestId('application-status').first().textContent(), { timeout: 15_000 }).toBe('На розгляді');

      // --- The name check -----------------------------------------------------------------------------
      await np.getByRole('navigation', { name: 'Основна навігація' }).getByRole('link', { name: 'Перевірка на санкції' }).click();
      await np.getByRole('navigation', { name: 'Сторінки перевірки на санкції' }).getByRole('link', { name: 'Перевірка імені' }).click();
      await np.waitForURL('**/app/screening/match');
      await np.getByLabel(/^Ім’я або назва/).fill('Oleksandr Zelenskyi');
      await np.getByLabel(/^Тип запису/).selectOption('Person');
      await np.getByLabel(/^Дата народження/).fill('1971-03');
      expect(await np.getByLabel(/^Поріг оцінки/).inputValue()).toBe('0,70');
      await np.getByTestId('match-submit').click();
      const result = np.getByTestId('match-result').filter({ hasText: 'Зеленський Олександр Петрович' });
      await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
      // Only the person matched: the organization on the list is far below the threshold.
      expect(await np.getByTestId('match-result').count()).toBe(1);
      const score = Number(await result.getByTestId('score').getAttribute('data-score'));
      expect(score).toBeGreaterThanOrEqual(0.7);
      expect(await result.getByTestId('score').textContent()).toContain(`${Math.round(score * 100)}`);
      expect(await result.textContent()).toMatch(/Фізична особа · watch:p1[\s\S]*(Zelenskyi Oleksandr|Зеленський Олександр Петрович)[\s\S]*watch/);
      await result.getByRole('button', { name: /Показати, чому/ }).click();
      await expect.poll(() => result.getByRole('button', { name: /Показати, чому/ }).getAttribute('aria-expanded')).toBe('true');
      expect(await np.getByTestId('match-evidence').textContent()).toMatch(/Ім’я\s*Oleksandr Zelenskyi\s*(Zelenskyi Oleksandr|Зеленський Олександр Петрович)\s*Оцінка імені/);
      expect(await np.getByTestId('match-evidence').textContent()).toMatch(/Дата народження\s*1971-03\s*1971-03-14/);
      await expectAccessible(np, 'name check with results');
      await np.evaluate('window.scrollTo(0, 0)');
      await np.screenshot({ path: path.join('/tmp', 'screening-match.png'), fullPage: true });
      // A malformed date is caught before anything is sent.
      await np.getByLabel(/^Дата народження/).fill('14.03.1971');
      await np.getByTestId('match-submit').click();
      await expect.poll(() => np.getByLabel(/^Дата народження/).getAttribute('aria-invalid')).toBe('true');
      await analystContext.close();
      await adminContext.close();
    }));
});
