import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { createEntry } from '../../src/modules/fund/service.ts';
import { type TestApp, makeOrganization, makeUser } from '../support/app.ts';
import { insertTestDocument } from '../support/membership.ts';
import { type Platform, expectAccessible, newContext, peek, pick, shot, signIn, signInStaff, snapshotOnFailure, startPlatform } from './platform.ts';

// The fund's programs through the real UI (issue #7): a fund officer drafts a call for proposals with
// two weighted criteria and publishes it (its budget is reserved in the ledger); two member companies
// apply with milestones that add up to their request and the localization plan the call requires
// (one in English, one in Ukrainian); the officer draws three evaluators for each proposal; each
// evaluator declares no conflict of interest and scores every criterion (one disagrees on capacity,
// which is flagged); the officer records the consensus, ranks the closed call within its budget (one
// proposal funded in full, the other in part) and awards it. The funded company reports its first
// milestone with evidence; the officer verifies it and prepares the payment; the officer's own
// approval is refused with the server's explanation (four eyes); a second officer approves and it is
// paid. The public fund page then shows the award and the money out by program and category, and
// the OCDS release package lists the call. Every new page is scanned with axe-core.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => platform?.close());

/** A company that is a member of the Alliance (inserted as the programs' API test does), with a user and its localization plan. */
async function memberCompany(t: TestApp, name: string, email: string) {
  const organization = await makeOrganization(t, name);
  const now = new Date();
  await t.database.db
    .insertInto('membership_applications')
    .values({ id: uuidv7(), organization_id: organization.id, status: 'member', capabilities: ['ammunition'], document_ids: [], screening_mode: 'automatic', status_changed_at: now, member_since: now, version: 1, created_at: now, updated_at: now })
    .execute();
  const user = await makeUser(t, ['company'], { organizationId: organization.id, email });
  // The document of the type the call requires (a localization plan).
  await insertTestDocument(t, organization.id, `Localization plan of ${name}`);
  return { organizationId: organization.id, ...user };
}

async function expectText(page: Page, testId: string, text: RegExp) {
  await expect.poll(() => page.getByTestId(testId).first().textContent(), { timeout: 15_000 }).toMatch(text);
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input takes it. */
function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Fills the proposal form: the amounts as a person types them in the interface language. */
async function fillProposal(page: Page, p: { title: string; requested: string; quantity: string; milestones: [string, string, string][]; budget: string; plan: string }) {
  await page.getByTestId('proposal-title').fill(p.title);
  await page.getByTestId('proposal-summary').fill(`${p.title}: a second production line.`);
  await page.getByTestId('proposal-requested').fill(p.requested);
  await page.getByTestId('capacity-0-capability').selectOption('ammunition');
  await page.getByTestId('capacity-0-period').fill('2027');
  await page.getByTestId('capacity-0-quantity').fill(p.quantity);
  for (const [index, [deliverable, due, amount]] of p.milestones.entries()) {
    if (index > 0) await page.getByTestId('add-milestone').click();
    await page.getByTestId(`milestone-${index}-deliverable`).fill(deliverable);
    await page.getByTestId(`milestone-${index}-due`).fill(due);
    await page.getByTestId(`milestone-${index}-amount`).fill(amount);
  }
  await page.getByTestId('budget-0-item').fill('Press line');
  await page.getByTestId('budget-0-amount').fill(p.budget);
  await page.getByRole('checkbox', { name: new RegExp(`^${p.plan} \\(`) }).check();
}

/** An evaluator declares no conflict for the proposal of `organization` on their evaluations page, then scores it. */
async function evaluate(page: Page, baseUrl: string, organization: string, scores: { capacity: string; price: string }, options: { screenshot?: string } = {}) {
  await page.goto(`${baseUrl}/app/programs/evaluations`);
  const row = page.getByTestId('evaluation-row').filter({ hasText: organization });
  await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('assigned');
  await row.getByTestId('declare').click();
  const dialog = page.getByRole('dialog', { name: 'Conflict of interest' });
  expect(await dialog.getByTestId('declare-about').textContent()).toContain(organization);
  // Nothing chosen yet: the dialog asks for a choice instead of declaring.
  await dialog.getByTestId('confirm-declare').click();
  await dialog.getByText('Choose one.').waitFor();
  await dialog.getByLabel('I have no conflict of interest').check();
  await dialog.getByTestId('confirm-declare').click();
  await page.waitForURL(/\/app\/programs\/proposals\/[0-9a-f-]{36}$/);
  await page.getByTestId('score-section').waitFor();
  await page.getByTestId('score-capacity-value').selectOption({ label: scores.capacity });
  await page.getByTestId('score-capacity-comment').fill(`Capacity: ${scores.capacity} — the second line is credible.`);
  await page.getByTestId('score-price-value').selectOption({ label: scores.price });
  await page.getByTestId('score-price-comment').fill(`Price: ${scores.price} — near the market.`);
  if (options.screenshot) {
    await expectAccessible(page, 'evaluator scoring a proposal');
    await shot(page, options.screenshot);
  }
  await page.getByTestId('save-scores').click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your scores were saved.' }).count(), { timeout: 15_000 }).toBe(1);
  await expectText(page, 'assignment-status', /Scored/);
}

/** The officer records the consensus on the proposal of `organization`. */
async function recordConsensus(page: Page, callUrl: string, organization: string, scores: { capacity: string; price: string }) {
  await page.goto(callUrl);
  await page.getByTestId('call-proposal').filter({ hasText: organization }).getByRole('link', { name: organization }).click();
  await page.getByTestId('consensus-section').waitFor({ timeout: 15_000 });
  await page.getByTestId('consensus-capacity-value').selectOption({ label: scores.capacity });
  await page.getByTestId('consensus-capacity-reason').fill('The panel agreed after discussing the second press.');
  await page.getByTestId('consensus-price-value').selectOption({ label: scores.price });
  await page.getByTestId('consensus-price-reason').fill('Unit price checked against two quotes.');
  await page.getByTestId('save-consensus').click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'The consensus was recorded.' }).count(), { timeout: 15_000 }).toBe(1);
  await expectText(page, 'final-capacity', new RegExp(scores.capacity.replace('.', '\\.')));
}

describe('fund programs journey', () => {
  it(
    'opens a call, evaluates, ranks within the budget, awards, pays a milestone with four eyes and publishes it',
    () =>
      snapshotOnFailure(platform.browser, async () => {
        const { t, baseUrl, browser } = platform;
        // The fund holds 5,000,000.00 UAH of budget money (a setup booking, as the API test does).
        await createEntry(t.database.db, SYSTEM_ACTOR, {
          currency: 'UAH',
          description: 'State budget allocation for the programs',
          referenceType: 'budget',
          clientKey: 'programs-e2e-budget',
          postings: [
            { account: '1000.UAH.fund', direction: 'debit', amount: 5_000_000_00 },
            { account: '4200.UAH.budget', direction: 'credit', amount: 5_000_000_00 },
          ],
        });
        const officerA = await makeUser(t, ['fund_officer'], { email: 'programs.officer@adi.example' });
        const officerB = await makeUser(t, ['fund_officer'], { email: 'programs.approver@adi.example' });
        const evaluators = await Promise.all([1, 2, 3].map((n) => makeUser(t, ['evaluator'], { email: `evaluator${n}@adi.example` })));
        const kharkiv = await memberCompany(t, 'Kharkiv Shells LLC', 'rep@kharkiv-shells.example');
        const dnipro = await memberCompany(t, 'Dnipro Munitions JSC', 'rep@dnipro-munitions.example');
        await insertTestDocument(t, kharkiv.organizationId, 'Acceptance certificate, line 1');

        // --- Officer A drafts and publishes the call ----------------------------------------------
        const oa = await (await newContext(browser, 'en')).newPage();
        await signInStaff(oa, baseUrl, officerA.email, officerA.password);
        await oa.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Fund programs' }).click();
        await oa.waitForURL('**/app/programs');
        await oa.getByTestId('new-call').waitFor();
        await expectAccessible(oa, 'calls (fund officer, none yet)');
        await oa.getByTestId('new-call').click();
        await oa.waitForURL('**/app/programs/calls/new');
        await oa.getByTestId('call-code').fill('shells-155');
        await oa.getByTestId('call-budget').fill('1,000,000.00');
        await oa.getByTestId('call-title-uk').fill('Артилерійські снаряди 155 мм');
        await oa.getByTestId('call-title-en').fill('Artillery shells 155 mm');
        await oa.getByTestId('call-text-uk').fill('Потужності для снарядів 155 мм у 2027 році.');
        await oa.getByTestId('call-text-en').fill('Capacity for 155 mm shells in 2027.');
        await pick(oa, oa, /Capability categories/, 'Ammun', /^Ammunition$/);
        await oa.keyboard.press('Escape');
        await oa.getByTestId('required-localization_plan').check();
        await oa.getByTestId('call-opens').fill(localDateTime(new Date(Date.now() - 3_600_000)));
        await oa.getByTestId('call-closes').fill(localDateTime(new Date(Date.now() + 7 * 86_400_000)));
        await oa.getByTestId('criterion-0-key').fill('capacity');
        await oa.getByTestId('criterion-0-label-uk').fill('Додана потужність');
        await oa.getByTestId('criterion-0-label-en').fill('Capacity added');
        await oa.getByTestId('criterion-0-weight').fill('3');
        await oa.getByTestId('criterion-0-threshold').fill('2');
        await oa.getByTestId('add-criterion').click();
        await oa.getByTestId('criterion-1-key').fill('price');
        await oa.getByTestId('criterion-1-label-uk').fill('Ціна за одиницю');
        await oa.getByTestId('criterion-1-label-en').fill('Price per unit');
        await oa.getByTestId('criterion-1-weight').fill('2');
        // A threshold off the scale is caught before anything is sent.
        await oa.getByTestId('criterion-1-threshold').fill('7');
        await oa.getByTestId('save-call').click();
        await expect.poll(() => oa.getByTestId('criterion-1-threshold').getAttribute('aria-invalid')).toBe('true');
        await oa.getByTestId('criterion-1-threshold').fill('1.5');
        await expectAccessible(oa, 'new call form');
        await peek(oa, 'programs-call-form');
        await oa.getByTestId('save-call').click();
        await oa.waitForURL(/\/app\/programs\/calls\/[0-9a-f-]{36}$/);
        const callUrl = oa.url();
        const callId = callUrl.split('/').pop()!;
        await expectText(oa, 'call-phase', /^Draft$/);
        await oa.getByTestId('call-publish').click();
        expect(await oa.getByRole('dialog').textContent()).toContain('1,000,000.00 UAH');
        await oa.getByTestId('confirm-call-action').click();
        await expectText(oa, 'call-phase', /^Open$/);
        expect(await oa.getByTestId('call-details').textContent()).toMatch(/Budget\s*1,000,000\.00 UAH/);
        await expectAccessible(oa, 'published call (fund officer)');

        // --- Two member companies apply ------------------------------------------------------------
        const ca = await (await newContext(browser, 'en')).newPage();
        await signIn(ca, baseUrl, kharkiv.email, kharkiv.password);
        await ca.waitForURL('**/app');
        await ca.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Fund programs' }).click();
        await ca.waitForURL('**/app/programs');
        const listed = ca.getByTestId('call-row').filter({ hasText: 'Artillery shells 155 mm' });
        await expect.poll(() => listed.count(), { timeout: 15_000 }).toBe(1);
        await expectAccessible(ca, 'open calls (company)');
        await listed.getByTestId('apply').click();
        await ca.waitForURL(`**/app/programs/calls/${callId}/apply`);
        await fillProposal(ca, {
          title: 'Shell line in Kharkiv',
          requested: '800,000',
          quantity: '12000',
          milestones: [
            ['Line installed', '2027-03-31', '350,000'],
            ['First 6,000 shells delivered', '2027-09-30', '350,000.00'],
          ],
          budget: '700,000',
          plan: 'Localization plan of Kharkiv Shells LLC',
        });
        expect(await ca.getByTestId('required-documents').textContent()).toContain('Localization plan: attached');
        // Milestones that do not add up to the request are caught before anything is sent.
        await ca.getByTestId('save-proposal').click();
        await expectText(ca, 'milestones-error', /add up to 700,000\.00 UAH, not the 800,000\.00 UAH requested/);
        await ca.getByTestId('proposal-requested').fill('700,000');
        await expectAccessible(ca, 'proposal form (company)');
        await peek(ca, 'programs-proposal-form');
        await ca.getByTestId('save-proposal').click();
        await ca.waitForURL(/\/app\/programs\/proposals\/[0-9a-f-]{36}$/);
        await expectText(ca, 'fund-proposal-status', /^Draft$/);
        await ca.getByTestId('proposal-submit').click();
        await ca.getByTestId('confirm-proposal-action').click();
        await expectText(ca, 'fund-proposal-status', /^Submitted$/);
        await expectText(ca, 'eligibility', /membership: Member/);
        await expectAccessible(ca, 'submitted proposal (company)');
        const proposalAUrl = ca.url();
        await ca.getByRole('navigation', { name: 'Fund programs pages' }).getByRole('link', { name: 'Proposals' }).click();
        await ca.waitForURL('**/app/programs/proposals');
        await expect.poll(() => ca.getByTestId('proposal-row').textContent(), { timeout: 15_000 }).toMatch(/Shell line in Kharkiv\s*Artillery shells 155 mm\s*Submitted\s*700,000\.00 UAH/);
        await expectAccessible(ca, 'your proposals (company)');

        // The second company works in Ukrainian and types amounts the Ukrainian way.
        const cb = await (await newContext(browser, 'uk')).newPage();
        await signIn(cb, baseUrl, dnipro.email, dnipro.password);
        await cb.waitForURL('**/app');
        await cb.goto(`${baseUrl}/app/programs/calls/${callId}`);
        expect(await cb.getByTestId('call-text').textContent()).toBe('Потужності для снарядів 155 мм у 2027 році.');
        await cb.getByTestId('apply').click();
        await fillProposal(cb, {
          title: 'Лінія снарядів у Дніпрі',
          requested: '600 000',
          quantity: '10000',
          milestones: [
            ['Лінію змонтовано', '2027-04-30', '300 000'],
            ['Перші 5 000 снарядів', '2027-10-31', '300 000,00'],
          ],
          budget: '600 000',
          plan: 'Localization plan of Dnipro Munitions JSC',
        });
        await cb.getByTestId('save-proposal').click();
        await cb.waitForURL(/\/app\/programs\/proposals\/[0-9a-f-]{36}$/);
        await cb.getByTestId('proposal-submit').click();
        await cb.getByTestId('confirm-proposal-action').click();
        await expectText(cb, 'fund-proposal-status', /^Подано$/);

        // --- The officer draws three evaluators for each proposal ----------------------------------
        await oa.goto(callUrl);
        const rows = oa.getByTestId('call-proposal');
        await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
        for (const organization of ['Kharkiv Shells LLC', 'Dnipro Munitions JSC']) {
          const row = rows.filter({ hasText: organization });
          await row.getByTestId('assign-evaluators').click();
          await oa.getByTestId('confirm-assign').click();
          await expectText(oa, 'assign-notice', /3 evaluators are assigned/);
          await expect.poll(() => row.getByTestId('evaluators-count').textContent(), { timeout: 15_000 }).toBe('3 of 3 assigned, 0 scored');
        }

        // --- Three evaluators declare no conflict and score ----------------------------------------
        const scoresA = [
          { capacity: '2.0', price: '4.0' },
          { capacity: '4.5', price: '4.0' },
          { capacity: '4.5', price: '4.0' },
        ];
        for (const [index, evaluator] of evaluators.entries()) {
          const ep = await (await newContext(browser, 'en')).newPage();
          await signInStaff(ep, baseUrl, evaluator.email, evaluator.password);
          if (index === 0) {
            // An evaluator's way in is the section, which opens on their evaluations.
            await ep.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Fund programs' }).click();
            await ep.waitForURL('**/app/programs/evaluations');
            await expect.poll(() => ep.getByTestId('evaluation-row').count(), { timeout: 15_000 }).toBe(2);
            await expectAccessible(ep, 'my evaluations');
            // Before the declaration the proposal itself is closed to them.
            await ep.goto(proposalAUrl);
            await ep.getByTestId('must-declare').waitFor();
            await expectAccessible(ep, 'proposal before the declaration');
          }
          await evaluate(ep, baseUrl, 'Kharkiv Shells LLC', scoresA[index], index === 0 ? { screenshot: 'fund-programs-evaluator-scoring.png' } : {});
          await evaluate(ep, baseUrl, 'Dnipro Munitions JSC', { capacity: '3.5', price: '3.0' });
          await ep.context().close();
        }

        // --- The officer sees the disagreement and records the consensus ---------------------------
        await oa.goto(callUrl);
        const flagged = rows.filter({ hasText: 'Kharkiv Shells LLC' });
        await expect.poll(() => flagged.getByTestId('disagreement-flag').textContent(), { timeout: 15_000 }).toBe('Flagged: Capacity added');
        expect(await rows.filter({ hasText: 'Dnipro Munitions JSC' }).getByTestId('disagreement-flag').count()).toBe(0);
        await oa.goto(proposalAUrl);
        await expect.poll(() => oa.getByTestId('matrix-capacity').getAttribute('data-flagged'), { timeout: 15_000 }).toBe('true');
        expect(await oa.getByTestId('matrix-capacity').textContent()).toContain('2.0–4.5 (spread 2.5)');
        expect(await oa.getByTestId('matrix-price').getAttribute('data-flagged')).toBeNull();
        await expectAccessible(oa, 'proposal with evaluations and the consensus form (fund officer)');
        await peek(oa, 'programs-consensus');
        await recordConsensus(oa, callUrl, 'Kharkiv Shells LLC', { capacity: '4.0', price: '4.0' });
        await recordConsensus(oa, callUrl, 'Dnipro Munitions JSC', { capacity: '3.5', price: '3.0' });

        // --- The call closes; the officer ranks within the budget and awards ------------------------
        // Calls close by date: the test moves this one's close into the past with SQL (setup, not UI).
        await sql`update fund_calls set closes_at = now() - interval '1 second' where id = ${callId}`.execute(t.database.db);
        await oa.goto(callUrl);
        await expectText(oa, 'call-phase', /^Closed$/);
        await oa.getByTestId('call-rank').click();
        await oa.getByTestId('confirm-call-action').click();
        await expectText(oa, 'call-phase', /^Ranked$/);
        const ranking = oa.getByTestId('ranking-row');
        await expect.poll(() => ranking.count(), { timeout: 15_000 }).toBe(2);
        expect(await ranking.nth(0).textContent()).toMatch(/^1Kharkiv Shells LLCShell line in Kharkiv4\.000700,000\.00 UAHFunded700,000\.00 UAH/);
        expect(await ranking.nth(1).textContent()).toMatch(/^2Dnipro Munitions JSCЛінія снарядів у Дніпрі3\.300600,000\.00 UAHPartially funded300,000\.00 UAH/);
        expect(await oa.getByTestId('ranking-rule').textContent()).toContain('ties go to the smaller request');
        expect(await oa.getByTestId('ranking-totals').textContent()).toMatch(/Funded: 1,000,000\.00 UAH.*Left: 0\.00 UAH/);
        await expectAccessible(oa, 'ranked call');
        await shot(oa, 'fund-programs-ranking.png');
        await oa.getByTestId('call-award').click();
        await oa.getByTestId('confirm-call-action').click();
        await expectText(oa, 'call-phase', /^Awarded$/);
        await oa.getByRole('navigation', { name: 'Fund programs pages' }).getByRole('link', { name: 'Awards' }).click();
        await oa.waitForURL('**/app/programs/awards');
        await expect.poll(() => oa.getByTestId('award-row').count(), { timeout: 15_000 }).toBe(2);
        expect(await oa.getByTestId('award-row').filter({ hasText: 'Dnipro Munitions JSC' }).textContent()).toMatch(/ADI-F-SHELLS-155-002.*300,000\.00 UAH\s*0\.00 UAH\s*0\.00 UAH\s*Active/);
        await expectAccessible(oa, 'awards (fund officer)');

        // The applicant now sees its outcome, the final scores with reasons and anonymous comments.
        await ca.goto(proposalAUrl);
        await expectText(ca, 'ranking-outcome', /^Funded$/);
        expect(await ca.getByTestId('final-capacity').textContent()).toContain('The panel agreed after discussing the second press.');
        expect(await ca.getByTestId('score-matrix').textContent()).toMatch(/Evaluator 1.*Evaluator 2.*Evaluator 3/);
        expect(await ca.getByTestId('score-matrix').textContent()).not.toContain('Test ');
        await expectAccessible(ca, 'awarded proposal (company)');

        // --- The company reports milestone 1 with evidence ------------------------------------------
        await ca.getByTestId('open-award').click();
        await ca.waitForURL(/\/app\/programs\/awards\/[0-9a-f-]{36}$/);
        const awardPath = new URL(ca.url()).pathname;
        await expectText(ca, 'award-status', /^Active$/);
        expect(await ca.getByTestId('award-figures').textContent()).toMatch(/Amount\s*700,000\.00 UAH/);
        await ca.getByTestId('milestone-1').getByTestId('report-milestone').click();
        const report = ca.getByRole('dialog');
        await report.getByTestId('report-text').fill('The line is installed and passed its acceptance tests.');
        await report.getByRole('checkbox', { name: /^Acceptance certificate, line 1 \(/ }).check();
        await report.getByTestId('delivered-0-quantity').fill('1000');
        await expectAccessible(ca, 'milestone report dialog');
        await report.getByTestId('confirm-report').click();
        await expectText(ca, 'milestone-status', /^Reported$/);

        // --- Officer A verifies it and prepares the payment; their own approval is refused ----------
        await oa.goto(`${baseUrl}${awardPath}`);
        await oa.getByTestId('milestone-1').getByTestId('verify-milestone').click();
        await oa.getByRole('dialog').getByTestId('decision-verified').check();
        await oa.getByRole('dialog').getByTestId('verification-note').fill('Seen on site; acceptance certificate checked.');
        await oa.getByRole('dialog').getByTestId('confirm-verify').click();
        await expect.poll(() => oa.getByTestId('milestone-1').getByTestId('milestone-status').textContent(), { timeout: 15_000 }).toBe('Verified');
        await oa.getByTestId('milestone-1').getByTestId('prepare-disbursement').click();
        await oa.getByTestId('confirm-prepare').click();
        await expect.poll(() => oa.getByTestId('award-disbursement').count(), { timeout: 15_000 }).toBe(1);
        await expectAccessible(oa, 'award with a prepared payment (fund officer)');
        await peek(oa, 'programs-award');
        await oa.getByRole('navigation', { name: 'Fund programs pages' }).getByRole('link', { name: 'Disbursements' }).click();
        await oa.waitForURL('**/app/programs/disbursements');
        const queued = oa.getByTestId('disbursement-row').filter({ hasText: 'Kharkiv Shells LLC' });
        await expect.poll(() => queued.count(), { timeout: 15_000 }).toBe(1);
        expect(await queued.textContent()).toMatch(/1\. Line installed\s*350,000\.00 UAH\s*Awaiting approval/);
        await expectAccessible(oa, 'disbursements queue');
        await queued.getByTestId('approve-disbursement').click();
        await oa.getByTestId('confirm-approve').click();
        await expectText(oa, 'approval-refused', /You prepared this payment: another fund officer must approve it \(four eyes\)/);
        expect(await oa.getByTestId('approval-refused-detail').textContent()).toContain('four eyes');
        await expectAccessible(oa, 'refused self-approval');
        await oa.keyboard.press('Escape');

        // --- Officer B approves: the milestone is paid ---------------------------------------------
        const ob = await (await newContext(browser, 'en')).newPage();
        await signInStaff(ob, baseUrl, officerB.email, officerB.password);
        await ob.goto(`${baseUrl}/app/programs/disbursements`);
        const waiting = ob.getByTestId('disbursement-row').filter({ hasText: 'Kharkiv Shells LLC' });
        await expect.poll(() => waiting.count(), { timeout: 15_000 }).toBe(1);
        await waiting.getByTestId('approve-disbursement').click();
        await ob.getByTestId('confirm-approve').click();
        await expect.poll(() => ob.getByRole('status').filter({ hasText: 'The payment was approved and paid.' }).count(), { timeout: 15_000 }).toBe(1);
        await expect.poll(() => ob.getByTestId('disbursement-row').count()).toBe(0);
        await ob.goto(`${baseUrl}${awardPath}`);
        await expect.poll(() => ob.getByTestId('milestone-1').getByTestId('milestone-status').textContent(), { timeout: 15_000 }).toBe('Paid');
        expect(await ob.getByTestId('award-figures').textContent()).toMatch(/Paid\s*350,000\.00 UAH/);
        expect(await ob.getByTestId('award-disbursement').textContent()).toMatch(/Paid.*1 of 1/);
        expect(await ob.getByTestId('capacity-table').textContent()).toMatch(/Ammunition\s*2027\s*12,000\s*1,000/);

        // --- An administrator sets the two-approver limit (fund officers only read it) ---------------
        const admin = await makeUser(t, ['admin'], { email: 'programs.admin@adi.example' });
        const ap = await (await newContext(browser, 'uk')).newPage();
        await signInStaff(ap, baseUrl, admin.email, admin.password);
        await ap.goto(`${baseUrl}/app/programs/settings`);
        await ap.getByTestId('limit-UAH').fill('100 000');
        await ap.getByTestId('save-limits').click();
        await expect.poll(() => ap.getByRole('status').filter({ hasText: 'Ліміти збережено.' }).count(), { timeout: 15_000 }).toBe(1);
        await expect.poll(() => ap.getByTestId('approval-limits').textContent()).toMatch(/UAH\s*100\s000,00\sUAH/);
        await expectAccessible(ap, 'payment controls (administrator)');
        await ob.goto(`${baseUrl}/app/programs/settings`);
        await expect.poll(() => ob.getByTestId('approval-limits').textContent(), { timeout: 15_000 }).toMatch(/UAH\s*100,000\.00 UAH/);
        expect(await ob.getByTestId('limit-UAH').count()).toBe(0);

        // --- The public sees the award and the money out ---------------------------------------------
        const pp = await (await newContext(browser, 'en')).newPage();
        await pp.goto(`${baseUrl}/transparency/fund`);
        const award = pp.getByTestId('public-award').filter({ hasText: 'Kharkiv Shells LLC' });
        await expect.poll(() => award.count(), { timeout: 15_000 }).toBe(1);
        expect(await award.textContent()).toMatch(/Kharkiv Shells LLC\s*Artillery shells 155 mm\s*ADI-F-SHELLS-155-001\s*700,000\.00 UAH\s*350,000\.00 UAH\s*0\.00 UAH\s*Active/);
        expect(await pp.getByTestId('public-award').filter({ hasText: 'Dnipro Munitions JSC' }).textContent()).toContain('300,000.00 UAH');
        await expect.poll(() => pp.getByTestId('program-uses').textContent(), { timeout: 15_000 }).toMatch(/Artillery shells 155 mm\s*Ammunition\s*UAH\s*350,000\.00 UAH/);
        await pp.getByTestId('program-uses-chart-UAH').waitFor();
        expect(await pp.getByTestId('ocds-releases').getAttribute('href')).toBe('/open-data/ocds/releases.json');
        expect(await pp.getByTestId('grants-csv').getAttribute('href')).toBe('/open-data/360giving/grants.csv');
        await expectAccessible(pp, 'public fund page with the programs');
        await pp.getByTestId('program-uses').scrollIntoViewIfNeeded();
        await shot(pp, 'fund-programs-public.png');

        // The OCDS release package (served by the open-data routes) lists the call's contracting process.
        const ocds = await pp.evaluate(async (href) => {
          const response = await fetch(href);
          return { status: response.status, ocids: ((await response.json()) as { releases: { ocid: string }[] }).releases.map((r) => r.ocid) };
        }, '/open-data/ocds/releases.json');
        expect(ocds.status).toBe(200);
        expect(ocds.ocids.some((ocid) => ocid.endsWith(callId))).toBe(true);

        // The register of awards: every award, sorted by amount with its header, largest first.
        await pp.getByTestId('awards-register-link').click();
        await pp.waitForURL('**/register/awards');
        await expect.poll(() => pp.getByTestId('register-award').count(), { timeout: 15_000 }).toBe(2);
        await pp.getByTestId('sort-amount').click();
        await expect.poll(() => pp.getByTestId('register-award').locator('td:first-child p:first-child').allTextContents()).toEqual(['Kharkiv Shells LLC', 'Dnipro Munitions JSC']);
        expect(await pp.getByRole('columnheader', { name: 'Amount' }).getAttribute('aria-sort')).toBe('descending');
        expect(await pp.getByTestId('awards-csv').getAttribute('href')).toBe('/api/v1/public/fund/awards?sort=amount&order=desc&scope=all&format=csv');
        await expectAccessible(pp, 'public register of awards');
        await shot(pp, 'public-register-awards.png');
      }),
    600_000,
  );
});
