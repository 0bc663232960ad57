import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser } from '../support/app.ts';
import {
  type Platform,
  apiCall,
  expectAccessible,
  newContext,
  peek,
  pick,
  shot,
  signInStaff,
  snapshotOnFailure,
  startPlatform,
} from './platform.ts';

// Staff at work in the registry, in Ukrainian: searching and filtering organizations, an ownership
// graph with cross-holdings and an owner nobody declared, an edit that meets someone else's newer
// version (409), appointing an officer recorded in two scripts, the deadlines editor, and the same
// pages on a phone-sized screen. Every page is scanned with axe-core.

let platform: Platform;
let browser: Browser;
let baseUrl: string;
let t: Platform['t'];

beforeAll(async () => {
  platform = await startPlatform();
  ({ browser, baseUrl, t } = platform);
});
afterAll(async () => platform?.close());

/** Adds an owner through the API (staff: confirmed at once) and returns the new owner's id. */
async function addOwner(page: Page, organizationId: string, body: Record<string, unknown>): Promise<string> {
  const response = await apiCall(page, 'POST', `/api/v1/organizations/${organizationId}/owners`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const owners = (response.body as { owners: Array<{ owner: { id: string } }> }).owners;
  return owners[owners.length - 1].owner.id;
}

const organization = (name: string, nameUk: string, country: string) => ({
  owner: { kind: 'new_organization', organization: { name, nameUk, country, kind: 'investor' } },
});

describe('registry pages for staff', () => {
  it('search, a graph with cross-holdings, a stale edit, officers, deadlines and a phone screen', () =>
    snapshotOnFailure(browser, async () => {
      const admin = await makeUser(t, ['admin'], { email: 'admin@adi.example' });
      const plant = await makeOrganization(t, 'Kharkiv Armour Plant', {
        nameUk: 'Харківський бронетанковий завод',
        capabilities: ['armored_vehicles'],
        identifiers: [{ scheme: 'UA-EDR', value: '00000017', identifier: 'UA-EDR-00000017' }],
      });
      await makeOrganization(t, 'Rheinmetall Test GmbH', { nameUk: 'Райнметал Тест', country: 'DE', capabilities: ['ammunition'] });
      await makeOrganization(t, 'Baykar Test', { nameUk: 'Байкар Тест', country: 'TR', capabilities: ['uav'] });

      const context = await newContext(browser, 'uk');
      const page = await context.newPage();
      await signInStaff(page, baseUrl, admin.email, admin.password);

      // --- Search and filters ------------------------------------------------------------------
      await page.goto(`${baseUrl}/app/organizations`);
      await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(3);
      await expectAccessible(page, 'organizations list');
      await peek(page, 'organizations-list');
      await pick(page, page, /^Країна$/, 'Німеч', /Німеччина \(DE\)/);
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Rheinmetall Test GmbH' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Baykar Test' }).count()).toBe(0);
      await pick(page, page, /^Країна$/, 'Усі', /^Усі країни$/);
      await page.getByRole('searchbox', { name: 'Пошук' }).fill('Харківський');
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Kharkiv Armour Plant' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Rheinmetall' }).count()).toBe(0);
      await page.getByRole('searchbox', { name: 'Пошук' }).fill('UA-EDR-00000017');
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Kharkiv Armour Plant' }).count()).toBe(1);

      // --- A graph with a cross-holding (Alpha ↔ Beta) and an owner nobody declared (Gamma) ----------
      const alpha = await addOwner(page, plant.id, { ...organization('Alpha Holding Ltd', 'Альфа Холдинг', 'CY'), sharePercent: 50 });
      const beta = await addOwner(page, plant.id, { ...organization('Beta Capital S.A.', 'Бета Капітал', 'LU'), sharePercent: 30 });
      await addOwner(page, plant.id, {
        owner: { kind: 'new_person', person: { names: [{ fullName: 'Іван Петренко', script: 'Cyrl' }, { fullName: 'Ivan Petrenko', script: 'Latn' }], nationalities: ['UA'] } },
        sharePercent: 20,
      });
      await addOwner(page, alpha, { owner: { kind: 'organization', id: beta }, sharePercent: 40 });
      await addOwner(page, alpha, {
        owner: { kind: 'new_person', person: { names: [{ fullName: 'Maria Schmidt', script: 'Latn' }], nationalities: ['DE'] } },
        sharePercent: 60,
        controlKinds: ['appoint_board'],
      });
      await addOwner(page, beta, { owner: { kind: 'organization', id: alpha }, sharePercent: 25 });
      await addOwner(page, beta, { ...organization('Gamma Trust', 'Гамма Траст', 'LI'), sharePercent: 75 });

      await page.goto(`${baseUrl}/app/organizations/${plant.id}?tab=graph`);
      await page.getByTestId('ownership-graph').waitFor();
      expect(await page.getByTestId('graph-node-person').count()).toBe(2);
      expect(await page.getByTestId('graph-node-organization').count()).toBe(4);
      await expect.poll(() => page.getByText(/Перехресне володіння/).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(/Gamma Trust/).first().isVisible()).toBe(true);
      await page.getByText('Граф у текстовому вигляді').click();
      await expect.poll(() => page.getByTestId('ownership-graph-text').textContent()).toContain('Maria Schmidt');
      await expectAccessible(page, 'ownership graph with a cycle and an unresolved owner');
      await shot(page, 'organization-ownership-graph-cycles.png');
      await page.getByTestId('tab-beneficial').click();
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Maria Schmidt' }).count()).toBe(1);
      await expectAccessible(page, 'beneficial owners with a cycle');
      await peek(page, 'beneficial-owners-cycle');

      // --- Someone else saves first: the edit meets a 409 and reloads ------------------------------------
      await page.getByTestId('tab-profile').click();
      await page.getByRole('button', { name: 'Редагувати профіль' }).click();
      await page.getByLabel(/^Вебсайт/).fill('https://kharkiv-armour.example');
      const meanwhile = await apiCall(page, 'PATCH', `/api/v1/organizations/${plant.id}`, { version: 1, shortName: 'ХБЗ' });
      expect(meanwhile.status).toBe(200);
      await page.getByRole('button', { name: 'Зберегти' }).click();
      await expect.poll(() => page.getByText('Профіль змінив хтось інший').count()).toBe(1);
      await expectAccessible(page, 'stale profile edit');
      await peek(page, 'profile-stale');
      await page.getByTestId('reload-profile').click();
      await expect.poll(() => page.getByLabel(/^Скорочена назва/).inputValue()).toBe('ХБЗ');
      await page.getByLabel(/^Вебсайт/).fill('https://kharkiv-armour.example');
      await page.getByRole('button', { name: 'Зберегти' }).click();
      await expect.poll(() => page.getByText('Профіль збережено.').count()).toBe(1);
      await expect.poll(() => page.getByText('https://kharkiv-armour.example').count()).toBe(1);

      // --- An officer recorded with names in two scripts -------------------------------------------------
      await page.getByTestId('tab-people').click();
      await page.getByRole('button', { name: 'Додати посадову особу' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Нова особа', { exact: true }).click();
      await dialog.getByTestId('person-name-0').fill('Олег Бондаренко');
      await dialog.getByTestId('person-name-1').fill('Oleh Bondarenko');
      await dialog.getByLabel(/^Посада/).selectOption('director');
      await dialog.getByLabel(/^З дати/).fill('2024-01-15');
      await expectAccessible(page, 'add officer dialog');
      await peek(page, 'add-officer-dialog');
      await dialog.getByRole('button', { name: 'Додати', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'Oleh Bondarenko' }).filter({ hasText: 'Підтверджено' }).count()).toBe(1);
      await expectAccessible(page, 'officers tab');

      // --- Deadlines ---------------------------------------------------------------------------------------
      await page.goto(`${baseUrl}/app/membership/deadlines`);
      const submitted = page.getByLabel('Подано', { exact: true });
      await submitted.fill('0');
      await page.getByRole('button', { name: 'Зберегти' }).click();
      await expect.poll(() => page.getByText(/від 1 до 365/).count()).toBe(1);
      await submitted.fill('3');
      await page.getByRole('button', { name: 'Зберегти' }).click();
      await expect.poll(() => page.getByText('Терміни збережено.').count()).toBe(1);
      await expectAccessible(page, 'deadlines editor');
      await peek(page, 'deadlines-editor');
      const deadlines = await apiCall(page, 'GET', '/api/v1/membership/deadlines');
      expect((deadlines.body as { items: Array<{ status: string; days: number | null }> }).items).toContainEqual({ status: 'submitted', days: 3 });

      await page.goto(`${baseUrl}/app/registry/reviews`);
      await expect.poll(() => page.getByText('Пропозицій на перевірку немає.').count()).toBe(1);
      await expectAccessible(page, 'empty review queue');

      // --- A phone-sized screen ------------------------------------------------------------------------------
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/app/organizations/${plant.id}?tab=graph`);
      await page.getByTestId('ownership-graph').waitFor();
      await expectAccessible(page, 'ownership graph on a phone');
      await peek(page, 'graph-phone');
      await page.getByRole('button', { name: 'Показати або сховати навігацію' }).click();
      await page.getByRole('navigation', { name: 'Основна навігація' }).getByRole('link', { name: 'Членство', exact: true }).click();
      await page.waitForURL('**/app/membership');
      await expectAccessible(page, 'membership queue on a phone');
      await page.goto(`${baseUrl}/register/members`);
      await expectAccessible(page, 'public register on a phone');
      await peek(page, 'public-register-phone');
      await context.close();
    }));
});
