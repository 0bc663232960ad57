import fs from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser } from '../support/app.ts';
import { type Platform, apiCall, expectAccessible, newContext, peek, shot, signIn, signInStaff, snapshotOnFailure, startPlatform } from './platform.ts';

// The forum (issue #9) through the real UI. An officer creates an event through the form (two days in
// Kyiv time, meeting hours on the first day, two tables), adds the opening session and publishes it.
// Two companies register a delegate each through the form, the Norwegian maker marking a slot its
// delegate cannot attend. The Kyiv producer states what it offers, the Norwegian maker what it seeks;
// the maker finds Kyiv at the top of its recommendations with the reasons and asks it for a meeting.
// Kyiv accepts in Ukrainian, leaving the time to the schedule; the officer previews the scheduler's
// run and applies it. Both delegates' agendas then show the meeting at the same local time, and the
// agenda's .ics download parses with ical.js and holds it. At the door, on a phone, the officer opens
// the badge's check-in link and checks the delegate in (the code typed again says "already").
// Signed out, the public event page shows the agenda. axe-core scans the public event page and the
// meetings page in both languages, and the event form, the partners page and check-in in one.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

const DAY1 = '2027-03-16';
const DAY2 = '2027-03-17';

/** The meeting time a company's schedule shows ("Tue, 16 Mar 2027, 10:00–10:30" → "10:00–10:30"). */
function timeRange(text: string): string {
  const match = /(\d\d:\d\d–\d\d:\d\d)/.exec(text);
  if (!match) throw new Error(`no time range in “${text}”`);
  return match[1]!;
}

/** Opens one of the event's pages from its navigation. */
async function openEventPage(page: Page, nav: string, name: string | RegExp, path: RegExp) {
  await page.getByRole('navigation', { name: nav }).getByRole('link', { name, exact: typeof name === 'string' }).click();
  await page.waitForURL(path);
}

describe('forum and matchmaking journey', () => {
  it('takes an event from the form to a scheduled meeting in both agendas, a check-in at the door and the public agenda', () =>
    snapshotOnFailure(platform.browser, async () => {
      const { t, baseUrl, browser } = platform;
      const nordic = await makeOrganization(t, 'Nordic Drones AS', { country: 'NO', kind: 'manufacturer', capabilities: ['uav.fpv'] });
      const kyiv = await makeOrganization(t, 'Kyiv UAV Works', { nameUk: 'ТОВ «Київські БПЛА»', country: 'UA', kind: 'manufacturer', capabilities: ['uav.fpv'] });
      const officer = await makeUser(t, ['officer'], { email: 'forum.officer@adi.example' });
      const repNordic = await makeUser(t, ['company'], { organizationId: nordic.id, email: 'rep@nordic-drones.example' });
      const repKyiv = await makeUser(t, ['company'], { organizationId: kyiv.id, email: 'rep@kyiv-uav.example' });

      // --- The officer creates the event through the form --------------------------------------------
      const officerContext = await newContext(browser, 'en');
      const op = await officerContext.newPage();
      await signInStaff(op, baseUrl, officer.email, officer.password);
      await op.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Forums and meetings' }).click();
      await op.waitForURL('**/app/events');
      await op.getByTestId('new-event').click();
      expect(await op.getByTestId('event-time-zone').inputValue()).toBe('Europe/Kyiv');
      // Nothing is sent while required fields are empty.
      await op.getByTestId('save-event').click();
      await expect.poll(() => op.getByTestId('event-title-uk').getAttribute('aria-invalid')).toBe('true');
      await op.getByTestId('event-title-uk').fill('Форум оборонних індустрій 2027');
      await op.getByTestId('event-title-en').fill('Defense Industries Forum 2027');
      await op.getByTestId('event-description-uk').fill('Виробники, інтегратори й інвестори шукають партнерів для локалізації виробництва.');
      await op.getByTestId('event-description-en').fill('Makers, integrators and investors look for partners to localize production.');
      await op.getByTestId('event-venue-uk').fill('Київ, Парковий');
      await op.getByTestId('event-venue-en').fill('Kyiv, Parkovy');
      await op.getByTestId('event-starts-on').fill(DAY1);
      await op.getByTestId('event-ends-on').fill(DAY2);
      await op.getByTestId('event-capacity').fill('50');
      await op.getByTestId('event-per-company').fill('3');
      await op.getByTestId('event-meeting-minutes').fill('30');
      await op.getByTestId('event-table-count').fill('2');
      await op.getByTestId('add-meeting-hours').click();
      await op.getByTestId('meeting-hours-0-date').selectOption(DAY1);
      await op.getByTestId('meeting-hours-0-from').fill('10:00');
      await op.getByTestId('meeting-hours-0-to').fill('12:00');
      await expectAccessible(op, 'new event form');
      await peek(op, 'events-form');
      await op.getByTestId('save-event').click();
      await op.waitForURL(/\/app\/events\/[0-9a-f-]{36}$/);
      const eventId = op.url().split('/').pop()!;
      await expect.poll(() => op.getByTestId('event-status').textContent()).toBe('Draft');
      expect(await op.getByTestId('event-summary').textContent()).toContain('Europe/Kyiv (UTC+02:00)');
      // Two hours of 30-minute meetings on the first day: four slots, local times.
      expect(await op.getByTestId('event-slots').textContent()).toContain('10:00, 10:30, 11:00, 11:30');

      // --- The opening session, then publishing --------------------------------------------------------
      await op.getByTestId('add-session').click();
      const sessionDialog = op.getByRole('dialog');
      await sessionDialog.getByTestId('session-title-uk').fill('Відкриття форуму');
      await sessionDialog.getByTestId('session-title-en').fill('Opening of the forum');
      await sessionDialog.getByTestId('session-day').selectOption(DAY1);
      await sessionDialog.getByTestId('session-from').fill('09:00');
      await sessionDialog.getByTestId('session-to').fill('10:00');
      await sessionDialog.getByTestId('session-room').fill('Hall A');
      await sessionDialog.getByTestId('add-speaker').click();
      await sessionDialog.getByTestId('speaker-0-name').fill('Minister of Strategic Industries');
      await sessionDialog.getByTestId('save-session').click();
      await sessionDialog.waitFor({ state: 'detached' });
      const opening = op.getByTestId('event-agenda').getByTestId('session').filter({ hasText: 'Opening of the forum' });
      await expect.poll(() => opening.textContent()).toMatch(/09:00–10:00.*Opening of the forum.*Room: Hall A.*Minister of Strategic Industries/);
      await op.getByTestId('event-publish').click();
      await op.getByTestId('confirm-event-action').click();
      await expect.poll(() => op.getByTestId('event-status').textContent()).toBe('Published');
      await peek(op, 'events-overview');

      // --- Both companies register a delegate through the form ----------------------------------------
      const nordicContext = await newContext(browser, 'en');
      const pn = await nordicContext.newPage();
      await signIn(pn, baseUrl, repNordic.email, repNordic.password);
      await pn.waitForURL('**/app');
      await pn.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Forums and meetings' }).click();
      await pn.getByTestId('event-row').getByRole('link', { name: 'Defense Industries Forum 2027' }).click();
      await pn.waitForURL(`**/app/events/${eventId}`);
      await openEventPage(pn, 'Event pages', 'Delegates', /\/delegates$/);
      await pn.getByTestId('delegate-name').fill('Ingrid Berg');
      await pn.getByTestId('delegate-email').fill('ingrid.berg@nordic-drones.example');
      await pn.getByTestId('delegate-position').fill('Chief Executive Officer');
      // Ingrid is at the opening of the local office at 11:30.
      await pn.getByRole('checkbox', { name: '11:30–12:00' }).check();
      await pn.getByTestId('register-delegate').click();
      await expect.poll(() => pn.getByRole('status').filter({ hasText: 'Ingrid Berg is registered.' }).count(), { timeout: 15_000 }).toBe(1);
      const ingridRow = pn.getByTestId('delegate-row').filter({ hasText: 'Ingrid Berg' });
      await expect.poll(() => ingridRow.textContent()).toMatch(/Registered.*1 slot/);
      await peek(pn, 'events-delegates');

      const kyivContext = await newContext(browser, 'uk');
      const pk = await kyivContext.newPage();
      await signIn(pk, baseUrl, repKyiv.email, repKyiv.password);
      await pk.waitForURL('**/app');
      await pk.goto(`${baseUrl}/app/events/${eventId}/delegates`);
      await pk.getByTestId('delegate-name').fill('Олена Коваленко');
      await pk.getByTestId('delegate-email').fill('olena@kyiv-uav.example');
      await pk.getByTestId('delegate-position').fill('Комерційна директорка');
      await pk.getByTestId('register-delegate').click();
      const olenaRow = pk.getByTestId('delegate-row').filter({ hasText: 'Олена Коваленко' });
      await expect.poll(() => olenaRow.textContent(), { timeout: 15_000 }).toMatch(/Зареєстровано.*Доступний у всі слоти/);
      // Kyiv offers what a foreign maker looks for.
      await openEventPage(pk, 'Сторінки заходу', 'Партнери', /\/partners$/);
      await pk.getByTestId('offers-local_partner').check();
      await pk.getByTestId('offers-production_site').check();
      await pk.getByTestId('seeks-technology').check();
      await pk.getByTestId('save-profile').click();
      await pk.getByText('Профіль збережено; рекомендації оновлено.').waitFor();

      // --- Nordic states its goals and asks its top recommendation for a meeting ------------------------
      await openEventPage(pn, 'Event pages', 'Partners', /\/partners$/);
      await pn.getByTestId('profile-goals').fill('Localize the assembly of FPV drones with a Ukrainian producer');
      await pn.getByTestId('seeks-local_partner').check();
      await pn.getByTestId('seeks-production_site').check();
      await pn.getByTestId('offers-technology').check();
      await pn.getByTestId('save-profile').click();
      await pn.getByText('The profile was saved; the recommendations are up to date.').waitFor();
      const top = pn.getByTestId('recommendation').first();
      await expect.poll(() => top.textContent(), { timeout: 15_000 }).toContain('1. Kyiv UAV Works');
      const reasons = await top.getByTestId('recommendation-reasons').textContent();
      expect(reasons).toContain('A local producer in your categories: FPV drones');
      expect(reasons).toContain('Offers what you seek: a local partner');
      expect(reasons).toContain('Seeks what you offer: technology');
      // The partner search finds the same organization by name.
      await pn.getByTestId('partner-search-q').fill('Kyiv');
      await expect.poll(() => pn.getByTestId('participant-row').count()).toBe(1);
      await expectAccessible(pn, 'partners (company)');
      await top.getByTestId('request-meeting').click();
      const requestDialog = pn.getByRole('dialog');
      await expect.poll(() => requestDialog.getByTestId('request-delegate').inputValue()).not.toBe('');
      await requestDialog.getByTestId('request-message').fill('Assembly of FPV frames in Kyiv: capacity and timelines.');
      await requestDialog.getByTestId('send-request').click();
      await requestDialog.waitFor({ state: 'detached' });
      await expect.poll(() => top.getByTestId('request-meeting').textContent()).toBe('Request already sent');
      expect(await top.getByTestId('request-meeting').isDisabled()).toBe(true);
      await shot(pn, 'events-partners.png');

      // --- Kyiv accepts in Ukrainian and leaves the time to the schedule -------------------------------
      await openEventPage(pk, 'Сторінки заходу', 'Зустрічі', /\/meetings$/);
      const incoming = pk.getByTestId('incoming-table').getByTestId('meeting-row').filter({ hasText: 'Nordic Drones AS' });
      await expect.poll(() => incoming.textContent(), { timeout: 15_000 }).toContain('Assembly of FPV frames in Kyiv');
      await incoming.getByTestId('meeting-accept').click();
      const acceptDialog = pk.getByRole('dialog');
      await expect.poll(() => acceptDialog.getByRole('checkbox', { name: /Олена Коваленко/ }).isChecked()).toBe(true);
      expect(await acceptDialog.getByTestId('meeting-slot').inputValue()).toBe('');
      await peek(pk, 'events-accept');
      await acceptDialog.getByTestId('confirm-accept').click();
      await acceptDialog.waitFor({ state: 'detached' });
      const accepted = pk.getByTestId('schedule-table').getByTestId('meeting-row').filter({ hasText: 'Nordic Drones AS' });
      await expect.poll(() => accepted.textContent()).toMatch(/Погоджено.*/);
      expect(await accepted.getByTestId('meeting-when').textContent()).toBe('Час ще не призначено');

      // --- The officer previews the scheduler's run and applies it --------------------------------------
      await op.reload();
      await openEventPage(op, 'Event pages', 'Meetings', /\/meetings$/);
      await op.getByTestId('scheduler-preview').click();
      const summary = op.getByTestId('scheduler-summary');
      await expect.poll(() => summary.getByTestId('summary-accepted').textContent(), { timeout: 15_000 }).toBe('1');
      expect(await summary.getByTestId('summary-placed').textContent()).toBe('1');
      expect(await summary.getByTestId('summary-kept').textContent()).toBe('0');
      expect(await summary.getByTestId('summary-displaced').textContent()).toBe('0');
      expect(await summary.getByTestId('summary-unplaced').textContent()).toBe('0');
      // A preview saves nothing.
      expect(await op.getByTestId('meetings-table').getByTestId('meeting-when').first().textContent()).toBe('No time yet');
      await op.getByTestId('scheduler-apply').click();
      await op.getByRole('status').filter({ hasText: 'The schedule was applied: 1 meeting placed, 0 left without a place.' }).waitFor();
      const placedWhen = op.getByTestId('meetings-table').getByTestId('meeting-when').first();
      await expect.poll(() => placedWhen.textContent()).toMatch(/Tue, 16 Mar 2027, \d\d:\d\d–\d\d:\d\dTable \d/);
      const slot = timeRange((await placedWhen.textContent())!);
      // Ingrid cannot meet at 11:30.
      expect(['10:00–10:30', '10:30–11:00', '11:00–11:30']).toContain(slot);
      await shot(op, 'events-scheduler.png');
      await openEventPage(op, 'Event pages', 'Schedule', /\/schedule$/);
      await expect.poll(() => op.getByTestId(`grid-${DAY1}`).getByTestId('grid-meeting').textContent()).toContain('Nordic Drones AS — Kyiv UAV Works');
      await peek(op, 'events-schedule');

      // --- Both agendas show the meeting at the same local time ------------------------------------------
      await pk.reload();
      await expect.poll(() => pk.getByTestId('schedule-table').getByTestId('meeting-when').first().textContent(), { timeout: 15_000 }).toContain(slot);
      await expectAccessible(pk, 'meetings (company, Ukrainian)');
      await pk.getByTestId('lang-switch').getByText('EN').click();
      await expect.poll(() => pk.getByTestId('schedule-table').getByTestId('meeting-when').first().textContent()).toContain('Table 1');
      await expectAccessible(pk, 'meetings (company, English)');
      await shot(pk, 'events-meetings.png');
      await pk.getByTestId('lang-switch').getByText('UA').click();
      await openEventPage(pk, 'Сторінки заходу', 'Делегати', /\/delegates$/);
      await olenaRow.getByTestId('open-agenda').click();
      await pk.waitForURL(/\/delegates\/[0-9a-f-]{36}\/agenda$/);
      const kyivMeeting = pk.getByTestId('agenda-meeting');
      await expect.poll(() => kyivMeeting.textContent(), { timeout: 15_000 }).toContain('Зустріч: Nordic Drones AS');
      expect(await kyivMeeting.textContent()).toMatch(new RegExp(`${slot}.*Зустріч: Nordic Drones AS.*Ingrid Berg.*Стіл 1`));
      expect(await pk.getByTestId('agenda-session').textContent()).toMatch(/09:00–10:00.*Відкриття форуму/);

      await openEventPage(pn, 'Event pages', 'Delegates', /\/delegates$/);
      await ingridRow.getByTestId('open-agenda').click();
      await pn.waitForURL(/\/delegates\/[0-9a-f-]{36}\/agenda$/);
      const nordicMeeting = pn.getByTestId('agenda-meeting');
      await expect.poll(() => nordicMeeting.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`${slot}.*Meeting: Kyiv UAV Works.*Ukraine; attending: Олена Коваленко.*Table 1`));
      expect(await pn.getByTestId('agenda-session').textContent()).toMatch(/09:00–10:00.*Opening of the forum/);
      await shot(pn, 'events-agenda.png');

      // The .ics download parses and holds the meeting at the slot's instant (Kyiv is UTC+2 in March).
      const [download] = await Promise.all([pn.waitForEvent('download'), pn.getByTestId('agenda-ics').click()]);
      expect(download.suggestedFilename()).toMatch(/^agenda-[0-9a-f-]{36}\.ics$/);
      const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync((await download.path())!, 'utf8')));
      const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const meeting = vevents.find((v) => v.summary.includes('Kyiv UAV Works'));
      expect(meeting, `events: ${vevents.map((v) => v.summary).join(' | ')}`).toBeDefined();
      expect(meeting!.startDate.toJSDate().toISOString()).toBe(new Date(`${DAY1}T${slot.slice(0, 5)}:00+02:00`).toISOString());
      expect(meeting!.endDate.toJSDate().getTime() - meeting!.startDate.toJSDate().getTime()).toBe(30 * 60_000);
      expect(vevents.some((v) => v.summary.includes('Opening of the forum'))).toBe(true);

      // --- At the door, on a phone: the badge's link, one button, and a second scan -----------------------
      const registrations = await apiCall(pn, 'GET', `/api/v1/events/${eventId}/registrations`);
      const code = (registrations.body as { items: { fullName: string; badgeCode: string }[] }).items.find((r) => r.fullName === 'Ingrid Berg')!.badgeCode;
      const phone = await officerContext.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${baseUrl}/app/events/check-in?code=${code}`);
      await expect.poll(() => phone.getByTestId('badge-name').textContent(), { timeout: 15_000 }).toBe('Ingrid Berg');
      expect(await phone.getByTestId('badge-organization').textContent()).toBe('Nordic Drones AS, Norway');
      await expectAccessible(phone, 'check-in (phone)');
      await phone.getByTestId('check-in').click();
      await expect.poll(() => phone.getByTestId('checked-in').textContent()).toMatch(/^Ingrid Berg checked in at .*\(Europe\/Kyiv\)\.$/);
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await shot(phone, 'events-check-in-phone.png');
      // The code typed by hand, with the spaces printed on the badge, finds the same delegate: already in.
      await phone.getByTestId('badge-code').fill(code.replace(/(.{4})(?!$)/g, '$1 ').toLowerCase());
      await phone.getByTestId('find-badge').click();
      await expect.poll(() => phone.getByTestId('already-checked-in').textContent(), { timeout: 15_000 }).toMatch(/^Already checked in at /);
      expect(await phone.getByTestId('check-in').count()).toBe(0);
      await op.goto(`${baseUrl}/app/events/${eventId}`);
      await expect.poll(() => op.getByTestId('event-counts').textContent()).toMatch(/Checked in\s*1/);

      // --- Signed out: the public page shows the agenda, in both languages --------------------------------
      const publicContext = await newContext(browser, 'uk');
      const pp = await publicContext.newPage();
      await pp.goto(`${baseUrl}/events`);
      await pp.getByTestId('public-event-link').filter({ hasText: 'Форум оборонних індустрій 2027' }).click();
      await pp.waitForURL(`**/events/${eventId}`);
      const publicAgenda = pp.getByTestId('public-agenda');
      await expect.poll(() => publicAgenda.textContent(), { timeout: 15_000 }).toMatch(/09:00–10:00.*Відкриття форуму.*Зала: Hall A.*Minister of Strategic Industries/);
      expect(await pp.getByTestId('public-event-facts').textContent()).toMatch(/16.*17.*2027.*Київ, Парковий/);
      expect(await publicAgenda.textContent()).toContain('Europe/Kyiv (UTC+02:00)');
      expect(await pp.getByTestId('public-event-description').textContent()).toContain('локалізації виробництва');
      // Nothing of the delegates or their meetings is public.
      expect(await pp.evaluate('document.body.textContent')).not.toMatch(/Ingrid|Олена|Nordic/);
      await expectAccessible(pp, 'public event (Ukrainian)');
      await pp.getByTestId('lang-switch').getByText('EN').click();
      await expect.poll(() => publicAgenda.textContent()).toMatch(/09:00–10:00.*Opening of the forum.*Room: Hall A/);
      await expectAccessible(pp, 'public event (English)');
      await shot(pp, 'events-public.png');
      await peek(pp, 'events-public');

      for (const context of [officerContext, nordicContext, kyivContext, publicContext]) await context.close();
    }));
});
