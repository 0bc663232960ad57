import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import { SYSTEM_ACTOR, signCheckpoint } from '../../src/modules/audit/service.ts';
import { createEntry } from '../../src/modules/fund/service.ts';
import { makeOrganization, makeUser } from '../support/app.ts';
import { type Platform, apiCall, expectAccessible, newContext, shot, signInStaff, snapshotOnFailure, startPlatform } from './platform.ts';

// The public portal through the real UI. An officer writes a post through the form (the address is
// suggested by the English title), saves it, reads the server's preview in both languages and
// publishes it; schedules and unschedules a second one; adds an FAQ entry and hides it again. Signed
// out, the news page and the post show it in Ukrainian and English: the language switch keeps the page
// and puts `?lang=` in the address, and a `?lang=en` link opens in English. The FAQ shows the four
// founding questions, the transparency dashboard and the open data catalogue render. axe-core scans
// every public page in both languages, and a keyboard-only visitor goes from the home page to the news
// and into a post.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

const SLUG = 'founding-forum-in-kyiv';
const TITLE_UK = 'Установчий форум у Києві';
const TITLE_EN = 'Founding forum in Kyiv';

/** Public figures for the dashboard: members in three countries, fund money over two years, a signed checkpoint. */
async function seedPublicFigures() {
  const { t } = platform;
  const db = t.database.db;
  const year = new Date().getUTCFullYear();
  for (const [name, country] of [
    ['Kyiv Armour Works', 'UA'],
    ['Lviv Optics', 'UA'],
    ['Gdansk Shipyard Defence', 'PL'],
    ['Munich Sensors GmbH', 'DE'],
  ] as const) {
    const organization = await makeOrganization(t, name, { country });
    const now = new Date();
    await db
      .insertInto('membership_applications')
      .values({ id: uuidv7(), organization_id: organization.id, status: 'member', capabilities: ['ammunition'], document_ids: [], screening_mode: 'automatic', status_changed_at: now, member_since: now, version: 1, created_at: now, updated_at: now })
      .execute();
  }
  const book = (currency: 'UAH' | 'EUR', from: string, to: string, amount: number, effectiveDate: string) =>
    createEntry(db, SYSTEM_ACTOR, {
      currency,
      description: 'portal dashboard fixture',
      referenceType: 'donation',
      effectiveDate,
      postings: [
        { account: from, direction: 'debit', amount },
        { account: to, direction: 'credit', amount },
      ],
    });
  await book('UAH', '1000.UAH.fund', '4200.UAH.budget', 900_000_000_00, `${year - 1}-06-01`);
  await book('UAH', '1000.UAH.fund', '4200.UAH.budget', 1_250_000_000_00, `${year}-01-15`);
  await book('UAH', '1000.UAH.fund', '4100.UAH.donations', 75_000_000_00, `${year}-01-20`);
  await book('UAH', '5000.UAH.disbursements', '1000.UAH.fund', 400_000_000_00, `${year}-01-25`);
  await book('EUR', '1000.EUR.fund', '4100.EUR.donations', 2_000_000_00, `${year}-01-10`);
  await signCheckpoint(db, platform.t.signer);
}

/** Presses Tab (or Shift+Tab, backwards) until the focused element has the test id (at most `limit` times); fails otherwise. */
async function tabTo(page: Page, testId: string, limit: number, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if ((await page.evaluate<string | undefined>('document.activeElement?.dataset?.testid')) === testId) return;
  }
  throw new Error(`${testId} was not reached in ${limit} presses of Tab`);
}

/** The focused element shows a focus indicator (an outline the browser or Mantine draws). */
async function focusVisible(page: Page) {
  return page.evaluate<boolean>(`(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return element.matches(':focus-visible') && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1;
  })()`);
}

describe('public portal', () => {
  it('takes a post from the form through the preview to the public pages in both languages', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      await seedPublicFigures();
      const officer = await makeUser(t, ['officer'], { email: 'portal.officer@adi.example' });

      // --- The officer writes the post through the form and previews it ---------------------------
      const officerContext = await newContext(browser, 'en');
      const op = await officerContext.newPage();
      await signInStaff(op, baseUrl, officer.email, officer.password);
      await op.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Portal', exact: true }).click();
      await op.waitForURL('**/app/portal/news');
      await op.getByTestId('new-post').click();
      await op.waitForURL('**/app/portal/news/new');
      await op.getByTestId('post-title-uk').fill(TITLE_UK);
      await op.getByTestId('post-summary-uk').fill('252 компанії з 30 країн заснували Альянс.');
      await op.getByTestId('post-body-uk').fill('**252** компанії з *30* країн.\n\n- Київ\n- 2024\n\n<script>alert(1)</script>');
      await op.getByTestId('post-title-en').fill(TITLE_EN);
      await op.getByTestId('post-title-en').blur();
      // An empty address is suggested by the English title.
      await expect.poll(() => op.getByTestId('post-slug').inputValue()).toBe(SLUG);
      await op.getByTestId('post-summary-en').fill('252 companies from 30 countries founded the Alliance.');
      await op.getByTestId('post-tags').fill('forum, kyiv');
      // A missing body is caught before anything is sent.
      await op.getByTestId('save-post').click();
      await expect.poll(() => op.getByTestId('post-body-en').getAttribute('aria-invalid')).toBe('true');
      await op.getByTestId('post-body-en').fill('**252** companies from *30* countries.\n\n- Kyiv\n- 2024\n\n<script>alert(1)</script>');
      // An image: described in both languages first, then uploaded and added to both texts.
      const picture = await op.screenshot({ clip: { x: 0, y: 0, width: 480, height: 200 } });
      await op.locator('input[type="file"]').setInputFiles({ name: 'forum.png', mimeType: 'image/png', buffer: picture });
      await op.getByTestId('post-image-upload').click();
      await expect.poll(() => op.getByRole('alert').filter({ hasText: 'describe it in both languages' }).count()).toBe(1);
      await op.getByTestId('post-image-alt-uk').fill('Зала форуму');
      await op.getByTestId('post-image-alt-en').fill('The forum hall');
      await op.getByTestId('post-image-upload').click();
      await expect.poll(() => op.getByTestId('post-body-en').inputValue()).toMatch(/!\[The forum hall\]\(\/api\/v1\/public\/images\/[0-9a-f-]{36}\)/);
      expect(await op.getByTestId('post-body-uk').inputValue()).toMatch(/!\[Зала форуму\]\(\/api\/v1\/public\/images\/[0-9a-f-]{36}\)/);
      await op.getByTestId('save-post').click();
      await op.waitForURL(/\/app\/portal\/news\/[0-9a-f-]{36}$/);
      const postUrl = op.url();
      await expect.poll(() => op.getByTestId('post-status').textContent()).toBe('Draft');
      // The preview is the server's rendering: Markdown to HTML, raw HTML shown as text.
      expect(await op.getByTestId('preview-en').locator('strong').first().textContent()).toBe('252');
      expect(await op.getByTestId('preview-uk').locator('li').allTextContents()).toEqual(['Київ', '2024']);
      expect(await op.getByTestId('preview-en').textContent()).toContain('<script>alert(1)</script>');
      expect(await op.getByTestId('preview-en').locator('script').count()).toBe(0);
      await expectAccessible(op, 'post editor (draft)');
      await shot(op, 'portal-editor.png');

      await op.getByTestId('publish-post').click();
      await op.getByRole('dialog').getByTestId('confirm-transition').click();
      await expect.poll(() => op.getByTestId('post-status').textContent()).toBe('Published');
      expect(await op.getByTestId('public-address').getAttribute('href')).toBe(`/news/${SLUG}`);
      // The address of a published post is locked.
      expect(await op.getByTestId('post-slug').isDisabled()).toBe(true);

      // A second post is scheduled with the date-time picker, then unscheduled.
      const draft = await apiCall(op, 'POST', '/api/v1/portal/posts', { slug: 'agenda-of-the-second-forum', titleUk: 'Програма другого форуму', titleEn: 'Agenda of the second forum', bodyUk: 'Незабаром.', bodyEn: 'Soon.', tags: ['forum'] });
      expect(draft.status).toBe(201);
      await op.goto(`${baseUrl}/app/portal/news/${(draft.body as { id: string }).id}`);
      await op.getByTestId('publish-at').fill('2099-05-01T09:30');
      await op.getByTestId('schedule-post').click();
      await expect.poll(() => op.getByTestId('post-status').textContent()).toBe('Scheduled');
      expect(await op.getByTestId('post-state').textContent()).toContain('2099');
      await op.getByTestId('unschedule-post').click();
      await expect.poll(() => op.getByTestId('post-status').textContent()).toBe('Draft');
      await op.getByRole('link', { name: 'News', exact: true }).click();
      await op.waitForURL('**/app/portal/news');
      await op.getByTestId('posts-status').selectOption('draft');
      await expect.poll(() => op.getByTestId('post-row').allTextContents()).toEqual([expect.stringContaining('Agenda of the second forum')]);
      await expectAccessible(op, 'posts (officer)');

      // --- The officer adds an FAQ entry, sees it public, and hides it -------------------------------
      await op.getByRole('navigation', { name: 'Portal pages' }).getByRole('link', { name: 'Questions and answers' }).click();
      await op.waitForURL('**/app/portal/faq');
      await expect.poll(() => op.getByTestId('faq-row').count()).toBe(4);
      await op.getByTestId('faq-group-key').fill('fund');
      await op.getByTestId('faq-group-uk').fill('Фонд');
      await op.getByTestId('faq-group-en').fill('The fund');
      await op.getByTestId('faq-question-uk').fill('Хто перевіряє фонд?');
      await op.getByTestId('faq-question-en').fill('Who audits the fund?');
      await op.getByTestId('faq-answer-uk').fill('Незалежні **аудитори**.');
      await op.getByTestId('faq-answer-en').fill('Independent **auditors**.');
      await op.getByTestId('faq-sort-order').fill('35');
      await op.getByTestId('save-faq').click();
      await expect.poll(() => op.getByTestId('faq-row').count()).toBe(5);
      await expectAccessible(op, 'FAQ editor');
      const publicFaq = await officerContext.newPage();
      await publicFaq.goto(`${baseUrl}/faq`);
      await expect.poll(() => publicFaq.getByTestId('faq-item').count(), { timeout: 15_000 }).toBe(5);
      expect(await publicFaq.getByTestId('faq-item').nth(3).textContent()).toContain('Who audits the fund?');
      await op.getByRole('button', { name: 'Hide the question “Who audits the fund?”' }).click();
      await expect.poll(() => op.getByTestId('faq-row').filter({ hasText: 'Who audits the fund?' }).textContent()).toContain('Hidden');
      // A fresh visitor (the browser may keep the public answer for its max-age of a minute).
      const visitorContext = await newContext(browser, 'en');
      const visitor = await visitorContext.newPage();
      await visitor.goto(`${baseUrl}/faq`);
      await expect.poll(() => visitor.getByTestId('faq-item').count(), { timeout: 15_000 }).toBe(4);
      await visitorContext.close();

      // --- Signed out, in Ukrainian: the news page, the post, and the language switch -------------------
      const readerContext = await newContext(browser, 'uk');
      const reader = await readerContext.newPage();
      await reader.goto(`${baseUrl}/news`);
      await expect.poll(() => reader.getByTestId('news-link').allTextContents(), { timeout: 15_000 }).toEqual([TITLE_UK]);
      expect(await reader.getByTestId('feed-atom').getAttribute('href')).toBe('/feeds/news-uk.atom');
      expect(await reader.title()).toBe('Новини · Платформа АОІ');
      await shot(reader, 'portal-news-uk.png');
      await reader.getByTestId('news-link').click();
      await reader.waitForURL(`**/news/${SLUG}`);
      await expect.poll(() => reader.getByTestId('page-title').textContent()).toBe(TITLE_UK);
      expect(await reader.getByTestId('post-body').locator('strong').textContent()).toBe('252');
      // The uploaded image is shown from the platform, described in the reader's language.
      const image = reader.getByTestId('post-body').getByRole('img', { name: 'Зала форуму' });
      await expect.poll(() => image.evaluate((element) => { const picture = element as unknown as { complete: boolean; naturalWidth: number }; return picture.complete && picture.naturalWidth; })).toBe(480);
      expect(await reader.locator('meta[name="description"]').getAttribute('content')).toBe('252 компанії з 30 країн заснували Альянс.');
      await shot(reader, 'portal-post-uk.png');
      await reader.getByTestId('lang-switch').getByText('EN').click();
      await expect.poll(() => reader.getByTestId('page-title').textContent()).toBe(TITLE_EN);
      expect(new URL(reader.url()).pathname).toBe(`/news/${SLUG}`);
      expect(new URL(reader.url()).searchParams.get('lang')).toBe('en');
      expect(await reader.evaluate<string>('document.documentElement.lang')).toBe('en');
      expect(await reader.title()).toBe(`${TITLE_EN} · ADI Platform`);
      expect(await reader.locator('meta[name="description"]').getAttribute('content')).toBe('252 companies from 30 countries founded the Alliance.');
      await shot(reader, 'portal-post-en.png');

      // A shared `?lang=en` link opens in English for someone who reads in Ukrainian.
      const sharedContext = await newContext(browser, 'uk');
      const shared = await sharedContext.newPage();
      await shared.goto(`${baseUrl}/news?lang=en&tag=forum`);
      await expect.poll(() => shared.getByTestId('news-link').allTextContents(), { timeout: 15_000 }).toEqual([TITLE_EN]);
      expect(await shared.getByTestId('feed-rss').getAttribute('href')).toBe('/feeds/news-en.rss');
      expect(await shared.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/feeds/news-en.atom');
      await shot(shared, 'portal-news-en.png');

      // --- The FAQ, the dashboard and the catalogue ---------------------------------------------------
      await shared.goto(`${baseUrl}/faq?lang=en`);
      await expect.poll(() => shared.getByTestId('faq-item').locator('h3').allTextContents(), { timeout: 15_000 }).toEqual([
        'Why attract foreign arms manufacturers?',
        'What do members of the Alliance get?',
        'How is the special defense fund financed?',
        'What progress has been made?',
      ]);
      await shared.goto(`${baseUrl}/transparency?lang=en`);
      await expect.poll(() => shared.getByTestId('figure-members').textContent(), { timeout: 15_000 }).toBe('4');
      expect(await shared.getByTestId('members-chart').getAttribute('aria-label')).toContain('3 countries');
      await shared.getByTestId('fund-sources-UAH').getByText('Show the chart’s figures as a table').click();
      const sourcesTable = shared.getByTestId('fund-sources-UAH').getByRole('table');
      expect(await sourcesTable.textContent()).toMatch(/State budget.*900,000,000\.00 UAH.*1,250,000,000\.00 UAH/);
      expect(await shared.getByTestId('latest-checkpoint').textContent()).toContain('Signed');
      await shot(shared, 'portal-transparency-en.png');
      await shared.getByTestId('verify-link').click();
      await shared.waitForURL('**/transparency/audit');
      await shared.getByTestId('verify-without-access').waitFor();
      await shared.goto(`${baseUrl}/open-data?lang=en`);
      await expect.poll(() => shared.getByTestId('dataset').count(), { timeout: 15_000 }).toBe(10);
      expect(await shared.getByRole('link', { name: 'News: Atom (EN)' }).getAttribute('href')).toBe('/feeds/news-en.atom');
      await shot(shared, 'portal-open-data-en.png');
      for (const context of [officerContext, readerContext, sharedContext]) await context.close();
      expect(postUrl).toMatch(/\/app\/portal\/news\//);
    }));

  it('passes axe on every public page in both languages, and works by keyboard alone', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { baseUrl, browser } = platform;
      const pages = ['/', '/news', `/news/${SLUG}`, '/faq', '/transparency', '/open-data', '/register/members', '/residents', '/register/awards', '/transparency/fund', '/transparency/audit', '/localization', '/events'];
      // Both languages side by side, each loading the app once and then moving from page to page as a
      // click on a link would (React Router follows the history): the scans are what take the time.
      await Promise.all(
        (['uk', 'en'] as const).map(async (language) => {
          const context = await newContext(browser, language);
          const page = await context.newPage();
          await page.goto(`${baseUrl}/`);
          let previous = '';
          for (const path of pages) {
            if (path !== '/') await page.evaluate(`history.pushState({ usr: null, key: 'axe', idx: 0 }, '', '${path}'); dispatchEvent(new PopStateEvent('popstate'))`);
            // The new page is in when its heading replaced the last one and nothing is loading any more.
            await expect
              .poll(async () => (await page.getByTestId('page-title').textContent()) !== previous && (await page.locator('.mantine-Loader-root').count()) === 0, { timeout: 15_000 })
              .toBe(true);
            previous = (await page.getByTestId('page-title').textContent()) ?? '';
            expect(await page.evaluate<string>('document.documentElement.lang'), path).toBe(language);
            expect((await page.locator('meta[name="description"]').getAttribute('content'))?.length, `description of ${path}`).toBeGreaterThan(40);
            await expectAccessible(page, `${path} (${language})`);
            if (path === '/') await shot(page, `portal-home-${language}.png`);
            if (path === '/faq' && language === 'uk') await shot(page, 'portal-faq-uk.png');
            if (path === '/transparency' && language === 'uk') await shot(page, 'portal-transparency-uk.png');
          }
          await context.close();
        }),
      );

      // Keyboard only: the skip link first, then the public navigation, then a post.
      const context = await newContext(browser, 'en');
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('latest-news').getByTestId('news-link').first().waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Skip to main content');
      await tabTo(page, 'public-nav-news', 15);
      await expect.poll(() => focusVisible(page), { message: 'focus indicator on the navigation' }).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/news');
      // Tab only once the list has loaded: a list that renders after the focus moved would take it away.
      await page.getByTestId('news-link').first().waitFor();
      await page.waitForLoadState('networkidle');
      await tabTo(page, 'news-link', 40);
      await expect.poll(() => focusVisible(page), { message: 'focus indicator on the post link' }).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/news/${SLUG}`);
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(TITLE_EN);

      // Keyboard only: sort the register of members by country with its header, one way and then the
      // other, and download that order as CSV.
      await page.goto(`${baseUrl}/register/members`);
      const memberNames = () => page.getByTestId('public-member').locator('td:first-child').allTextContents();
      await expect.poll(memberNames, { timeout: 15_000 }).toEqual(['Gdansk Shipyard Defence', 'Kyiv Armour Works', 'Lviv Optics', 'Munich Sensors GmbH']);
      const countryHeader = page.getByRole('columnheader', { name: 'Country', exact: true });
      expect(await countryHeader.getAttribute('aria-sort')).toBe('none');
      expect(await page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort')).toBe('ascending');
      await tabTo(page, 'sort-country', 40);
      await expect.poll(() => focusVisible(page), { message: 'focus indicator on the sort button' }).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => countryHeader.getAttribute('aria-sort')).toBe('ascending');
      await expect.poll(memberNames).toEqual(['Munich Sensors GmbH', 'Gdansk Shipyard Defence', 'Kyiv Armour Works', 'Lviv Optics']);
      // The button keeps the focus: Space sorts the other way.
      await page.keyboard.press('Space');
      await expect.poll(() => countryHeader.getAttribute('aria-sort')).toBe('descending');
      const descending = ['Lviv Optics', 'Kyiv Armour Works', 'Gdansk Shipyard Defence', 'Munich Sensors GmbH'];
      await expect.poll(memberNames).toEqual(descending);
      expect(await page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort')).toBe('none');
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ sort: 'country', order: 'desc' });
      // The downloads are above the table: back to the CSV link, and Enter saves the file in that order.
      await tabTo(page, 'members-csv', 20, 'Shift+Tab');
      expect(await page.getByTestId('members-csv').getAttribute('href')).toBe('/api/v1/public/members?sort=country&order=desc&scope=all&format=csv');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toBe('adi-members.csv');
      const records = parse(await readFile((await download.path())!, 'utf8'), { bom: true, columns: true }) as Array<{ name: string; country: string }>;
      expect(records.map((r) => r.name)).toEqual(descending);
      expect(records.map((r) => r.country)).toEqual(['UA', 'UA', 'PL', 'DE']);
      await context.close();
    }));
});
