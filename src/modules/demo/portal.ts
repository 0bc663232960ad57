import { listEvents, getEvent } from '../events/service.ts';
import { getAsset, listAssets } from '../fund/assets-service.ts';
import { publicAwards } from '../fund/awards-service.ts';
import { listCalls } from '../fund/calls-service.ts';
import type { TCall } from '../fund/programs-schema.ts';
import { publicAggregates } from '../localization/service.ts';
import { createFaq, createPost, transitionPost } from '../portal/service.ts';
import { addDays, isoDate, pluralUk } from './calendar.ts';
import { type DemoContext, inBatches } from './context.ts';
import { foundingForumDays } from './forum.ts';
import { assetDescriptionUk } from './fund.ts';

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

// The news of the public portal: the founding forum first (the first posts, as the issue asks), then
// the updates the data set tells — membership opening, the fund's first asset sale, the calls that
// opened, the awards, localization figures — each published at its date, one scheduled, one draft.
// Figures come from the services' own answers (public ones where the public would see them), so the
// news never contradicts the registers. Two FAQ entries are added to the founding questions.

const UK_MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayUk(date: string): string {
  return `${Number(date.slice(8, 10))} ${UK_MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)} року`;
}

function dayEn(date: string): string {
  return `${Number(date.slice(8, 10))} ${EN_MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** Two days as a range: "3–4 квітня 2025 року", or "31 березня — 1 квітня 2025 року" across months. */
function rangeUk(from: string, to: string): string {
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${dayUk(to)}`;
  return `${dayUk(from).replace(/ \d{4} року$/, '')} — ${dayUk(to)}`;
}

/** Two days as a range: "3–4 April 2025", or "31 March – 1 April 2025" across months. */
function rangeEn(from: string, to: string): string {
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${dayEn(to)}`;
  return `${dayEn(from).replace(/ \d{4}$/, '')} – ${dayEn(to)}`;
}

/** An amount in millions of the currency, in the language's number format. */
function millions(minor: number, lang: 'uk' | 'en'): string {
  return new Intl.NumberFormat(lang === 'uk' ? 'uk-UA' : 'en-US', { maximumFractionDigits: 1 }).format(minor / 100 / 1_000_000);
}

const BANDS: Record<string, { uk: string; en: string }> = {
  below_25: { uk: 'менше 25 %', en: 'below 25 %' },
  '25_to_50': { uk: '25–50 %', en: '25–50 %' },
  '50_to_75': { uk: '50–75 %', en: '50–75 %' },
  '75_to_100': { uk: '75–100 %', en: '75–100 %' },
  '100_or_more': { uk: '100 % і більше', en: '100 % or more' },
};

/**
 * A number with the Ukrainian noun form it takes: `forms` are the forms after 1 (21, 31…), after 2–4
 * (22–24…) and after the rest (5–20, 25–30…), in the case the sentence needs.
 */
function nUk(value: number, forms: [string, string, string]): string {
  return `${count(value, 'uk')} ${pluralUk(value, forms)}`;
}

/** A number with an English noun, singular for one. */
function nEn(value: number, singular: string, plural: string): string {
  return `${count(value, 'en')} ${value === 1 ? singular : plural}`;
}

function count(value: number, lang: 'uk' | 'en'): string {
  return new Intl.NumberFormat(lang === 'uk' ? 'uk-UA' : 'en-US').format(value);
}

interface PostPlan {
  slug: string;
  titleUk: string;
  titleEn: string;
  summaryUk: string;
  summaryEn: string;
  bodyUk: string;
  bodyEn: string;
  tags: string[];
  /** Published at this moment; `scheduled` goes out later; `draft` stays with the officers. */
  at: Date;
  state: 'published' | 'scheduled' | 'draft';
}

/** Seeds the news posts and a few FAQ entries. */
export async function seedPortal(context: DemoContext): Promise<void> {
  const { db, now, staff } = context;
  const officer = staff.officer;
  const companies = context.companies.length;
  const countries = new Set(context.companies.map((c) => c.country)).size;
  const [day1, day2] = foundingForumDays(now);
  const kyivEvening = (date: string) => new Date(`${date}T16:00:00Z`);
  // "з N країн": genitive, singular after 1, 21, 31…
  const fromCountriesUk = nUk(countries, ['країни', 'країн', 'країн']);
  const posts: PostPlan[] = [];

  // What the forum recorded (delegates, meetings placed), read back from the events service.
  const forums = await listEvents(db, officer.auth, { limit: 50, offset: 0 });
  const founding = forums.items.find((e) => e.startsOn === day1);
  const forum = founding ? await getEvent(db, officer.auth, founding.id) : null;
  const delegates = forum?.counts.registered ?? 0;
  const meetings = forum?.counts.meetingsPlaced ?? 0;
  const second = forums.items.find((e) => e.status === 'published' && e.startsOn > isoDate(now));

  posts.push({
    slug: 'founding-forum-kyiv',
    titleUk: `${nUk(companies, ['оборонна компанія', 'оборонні компанії', 'оборонних компаній'])} з ${fromCountriesUk} у Києві: засновано Альянс оборонних індустрій`,
    titleEn: `${nEn(companies, 'defense company', 'defense companies')} from ${nEn(countries, 'country', 'countries')} in Kyiv found the Alliance of Defense Industries`,
    summaryUk: `Перший міжнародний форум оборонних індустрій зібрав у Києві ${nUk(companies, ['компанію', 'компанії', 'компаній'])} з ${fromCountriesUk}. Мета — виробляти озброєння в Україні.`,
    summaryEn: `The first international forum of defense industries brought ${nEn(companies, 'company', 'companies')} from ${nEn(countries, 'country', 'countries')} to Kyiv. The aim: to produce weapons in Ukraine.`,
    bodyUk: [
      `${rangeUk(day1, day2)} у Києві відбувся перший міжнародний форум оборонних індустрій. До Києва приїхали представники **${nUk(companies, ['компанії', 'компаній', 'компаній'])} оборонної галузі з ${fromCountriesUk}**, щоб зустрітися з українськими виробниками та урядом.`,
      'Мета проста: залучити виробників, здатних виробляти зброю в Україні, щоб країна менше залежала від поставок з-за кордону і збудувала оборонну промисловість, яка підтримує себе сама.',
      '## Що вирішено',
      '- Засновано **Альянс оборонних індустрій**. Його учасники, які локалізують виробництво, отримують **спеціальний правовий режим** — сприятливі податкові й митні умови, доки виконують його вимоги.',
      '- **Спеціальний оборонний фонд** фінансуватиме військове виробництво. Частину коштів він отримає від продажу конфіскованих активів держави-агресора та її підсанкційних власників, решту — від донорів і з державного бюджету.',
      '- Кожне надходження і кожна виплата фонду будуть публічними: джерела і використання коштів публікуються як відкриті дані.',
      '## B2B-зустрічі',
      `Зареєстровано делегатів: ${count(delegates, 'uk')}. Іноземні виробники й українські підприємства провели двосторонні зустрічі (усього ${count(meetings, 'uk')}) за розкладом, який платформа склала без накладок: жоден делегат не мав двох зустрічей одночасно.`,
      'Заяви на членство в Альянсі приймаються на цій платформі.',
    ].join('\n\n'),
    bodyEn: [
      `The first international forum of defense industries took place in Kyiv on ${rangeEn(day1, day2)}. **${nEn(companies, 'defense company', 'defense companies')} from ${nEn(countries, 'country', 'countries')}** came to meet Ukrainian producers and the government.`,
      'The aim is simple: to attract manufacturers able to produce weapons in Ukraine, so that the country depends less on deliveries from abroad and builds a defense industry that sustains itself.',
      '## What was decided',
      '- The **Alliance of Defense Industries** was founded. Its members that localize production get a **special economic regime**: favorable tax and customs conditions for as long as they meet its rules.',
      '- A **special defense fund** will finance military production. Part of its money comes from the sale of confiscated assets of the aggressor state and its sanctioned owners; the rest from donors and the state budget.',
      '- Every inflow and every payment of the fund will be public: its sources and uses are published as open data.',
      '## B2B meetings',
      `${nEn(delegates, 'delegate', 'delegates')} registered for the forum. Foreign manufacturers and Ukrainian companies held ${nEn(meetings, 'one-to-one meeting', 'one-to-one meetings')} on a schedule the platform drew up without clashes: no delegate had two meetings at once.`,
      'Applications for membership of the Alliance are taken on this platform.',
    ].join('\n\n'),
    tags: ['forum', 'alliance'],
    at: kyivEvening(day2),
    state: 'published',
  });

  posts.push({
    slug: 'alliance-membership-applications-open',
    titleUk: 'Альянс оборонних індустрій приймає заяви на членство',
    titleEn: 'The Alliance of Defense Industries takes membership applications',
    summaryUk: 'Компанії подають заяву з планом локалізації; після перевірки учасники можуть стати резидентами спеціального правового режиму.',
    summaryEn: 'Companies apply with a localization plan; after vetting, members can become residents of the special economic regime.',
    bodyUk: [
      'Після форуму в Києві Альянс оборонних індустрій відкрив прийом заяв на членство. Заява подається на цій платформі й містить **план локалізації**: українського партнера, майданчик, обсяг інвестицій, кількість робочих місць, категорії продукції та дату початку виробництва.',
      'Кожну заяву перевіряють: реєстраційні дані, кінцевих бенефіціарних власників і їх відповідність санкційним спискам. Рішення про членство ухвалює секретаріат Альянсу.',
      'Учасники, які виробляють в Україні й відповідають критеріям, можуть стати **резидентами спеціального правового режиму** з податковими і митними пільгами. Реєстр учасників і резидентів публічний.',
    ].join('\n\n'),
    bodyEn: [
      'After the forum in Kyiv, the Alliance of Defense Industries opened membership applications. Companies apply on this platform with a **localization plan**: the Ukrainian partner, the site, the investment, the jobs, the product categories and the start of production.',
      'Every application is vetted: the registration data, the ultimate beneficial owners and their screening against sanctions lists. The Alliance secretariat decides on membership.',
      'Members that produce in Ukraine and meet its criteria can become **residents of the special economic regime**, with tax and customs benefits. The registers of members and residents are public.',
    ].join('\n\n'),
    tags: ['alliance', 'membership'],
    at: addDays(kyivEvening(day2), 6),
    state: 'published',
  });

  // The fund's first asset sale, from the register of confiscated assets.
  const sold = (await listAssets(db, { status: 'proceeds_received', limit: 100, offset: 0 })).items;
  const sales = (await Promise.all(sold.map((a) => getAsset(db, a.id)))).filter((a) => a.sale).sort((a, b) => a.sale!.date.localeCompare(b.sale!.date));
  const first = sales[0];
  if (first?.sale) {
    const sale = first.sale;
    posts.push({
      slug: 'first-confiscated-asset-sold',
      titleUk: 'Перші кошти від продажу конфіскованого активу надійшли до спеціального оборонного фонду',
      titleEn: 'The first proceeds from a confiscated asset reach the special defense fund',
      summaryUk: `Продано актив: ${lowerFirst(assetDescriptionUk(first.description))}; чисті надходження зараховано до фонду.`,
      summaryEn: `${first.description} was sold; the net proceeds were booked into the fund.`,
      bodyUk: [
        `Після рішення суду про конфіскацію (справа № ${first.legalBasis.decisionNumber}) продано перший актив із реєстру фонду. Актив: ${lowerFirst(assetDescriptionUk(first.description))}.`,
        `Ціна продажу — ${millions(sale.price, 'uk')} млн ${sale.currency === 'UAH' ? 'грн' : sale.currency}; після витрат на продаж до фонду надійшло **${millions(sale.netProceeds, 'uk')} млн ${sale.currency === 'UAH' ? 'грн' : sale.currency}**.`,
        'Кожен актив проходить шлях від арешту до продажу; реєстр активів веде фонд, а кожне надходження — збалансований запис у його книзі обліку. Звідки прийшли гроші і на що їх витрачено, видно на сторінці прозорості фонду.',
      ].join('\n\n'),
      bodyEn: [
        `Following a court’s confiscation decision (case no. ${first.legalBasis.decisionNumber}), the first asset in the fund’s register has been sold. The asset: ${lowerFirst(first.description)}.`,
        `The sale price was ${sale.currency} ${millions(sale.price, 'en')} million; after the costs of the sale, **${sale.currency} ${millions(sale.netProceeds, 'en')} million** reached the fund.`,
        'Every asset moves from seizure to sale in the fund’s register, and every inflow is a balanced entry in its ledger. Where the money came from and what it paid for is shown on the fund’s transparency page.',
      ].join('\n\n'),
      tags: ['fund', 'assets'],
      at: new Date(`${sale.date}T13:00:00Z`),
      state: 'published',
    });
  }

  // Calls: one post when each opened; the awards once decided.
  const calls = (await listCalls(db, staff.fund_officer.auth, { limit: 50, offset: 0 })).items.filter((c) => c.status !== 'draft' && c.status !== 'cancelled').sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  for (const call of calls) posts.push(callOpened(call));
  const awards = await publicAwards(db, { limit: 1000, offset: 0 });
  if (awards.total > 0) {
    const decided = calls.filter((c) => c.status === 'awarded');
    const total = awards.items.reduce((sum, a) => sum + a.amountMinor, 0);
    const paid = awards.items.reduce((sum, a) => sum + a.disbursedMinor - a.clawedBackMinor, 0);
    const recipients = new Set(awards.items.map((a) => a.organizationName)).size;
    const largest = [...awards.items].sort((a, b) => b.amountMinor - a.amountMinor).slice(0, 3);
    posts.push({
      slug: 'fund-awards-first-calls',
      titleUk: `Фонд надав ${nUk(awards.total, ['грант', 'гранти', 'грантів'])} за результатами ${decided.length === 1 ? 'конкурсу' : 'двох конкурсів'}`,
      titleEn: `The fund awards ${nEn(awards.total, 'grant', 'grants')} under its ${decided.length === 1 ? 'first call' : 'first two calls'}`,
      summaryUk: `Загальна сума грантів — ${millions(total, 'uk')} млн грн; виплати здійснюються за перевіреними етапами.`,
      summaryEn: `The grants total UAH ${millions(total, 'en')} million; payments follow verified milestones.`,
      bodyUk: [
        `Незалежні експерти оцінили пропозиції учасників Альянсу за критеріями конкурсів (${decided.map((c) => `«${c.titleUk}»`).join(', ')}). Кожну пропозицію оцінювали двоє експертів, які перед тим заявили про відсутність конфлікту інтересів; підсумкові бали затвердила комісія фонду, а рейтинг склано за опублікованим правилом.`,
        `Гранти отримали **${nUk(recipients, ['компанія', 'компанії', 'компаній'])}** на загальну суму **${millions(total, 'uk')} млн грн**. Найбільші:`,
        largest.map((a) => `- ${a.organizationName} — ${millions(a.amountMinor, 'uk')} млн грн (${a.agreementNumber})`).join('\n'),
        `Гроші виплачуються частинами, після того як фонд перевірить виконання кожного етапу; кожну виплату готує один працівник фонду, а затверджує інший. Наразі виплачено ${millions(paid, 'uk')} млн грн. Повний перелік грантів і виплат — на сторінці прозорості фонду та у відкритих даних (OCDS і 360Giving).`,
      ].join('\n\n'),
      bodyEn: [
        `Independent evaluators scored the proposals of Alliance members against the criteria of the calls (${decided.map((c) => `“${c.titleEn}”`).join(', ')}). Each proposal was scored by two evaluators who first declared they had no conflict of interest; the fund’s panel confirmed the final scores, and the ranking followed the published rule.`,
        `**${nEn(recipients, 'company', 'companies')}** received grants totalling **UAH ${millions(total, 'en')} million**. The largest:`,
        largest.map((a) => `- ${a.organizationName}: UAH ${millions(a.amountMinor, 'en')} million (${a.agreementNumber})`).join('\n'),
        `The money is paid in instalments once the fund has verified each milestone; one fund officer prepares each payment and another approves it. So far UAH ${millions(paid, 'en')} million has been paid. Every award and payment is listed on the fund’s transparency page and in the open data (OCDS and 360Giving).`,
      ].join('\n\n'),
      tags: ['fund', 'awards'],
      at: addDays(now, -2 / 1440),
      state: 'published',
    });
  }

  // Localization figures as the public sees them: only cells that survive suppression are quoted.
  const aggregates = await publicAggregates(db, now);
  const lastYear = now.getUTCFullYear() - 1;
  const cells = aggregates.categories.flatMap((c) => c.years.filter((y) => y.year === lastYear).map((y) => ({ category: c, cell: y })));
  const published = cells.filter((c) => c.cell.status === 'published');
  const suppressed = cells.filter((c) => c.cell.status === 'suppressed');
  if (published.length + suppressed.length > 0) {
    const lines = (lang: 'uk' | 'en') =>
      published
        .slice(0, 6)
        .map(({ category, cell }) =>
          lang === 'uk'
            ? `- ${category.nameUk}: ${count(Number(cell.domesticOutput), 'uk')} ${category.unitUk}, ${nUk(Number(cell.companies), ['компанія', 'компанії', 'компаній'])}${typeof cell.coverage === 'string' && BANDS[cell.coverage] ? `, потребу покрито на ${BANDS[cell.coverage]!.uk}` : ''}`
            : `- ${category.nameEn}: ${count(Number(cell.domesticOutput), 'en')} ${category.unitEn}, ${nEn(Number(cell.companies), 'company', 'companies')}${typeof cell.coverage === 'string' && BANDS[cell.coverage] ? `, need covered ${BANDS[cell.coverage]!.en}` : ''}`,
        )
        .join('\n');
    posts.push({
      slug: `localization-figures-${lastYear}`,
      titleUk: `Локалізація у ${lastYear} році: скільки учасники Альянсу виробили в Україні`,
      titleEn: `Localization in ${lastYear}: what Alliance members made in Ukraine`,
      summaryUk: 'Підтверджені звіти учасників про виробничі потужності, зведені за категоріями; дані, що могли б розкрити окрему компанію, приховано.',
      summaryEn: 'Confirmed capacity reports of members, summed by category; figures that could reveal a single company are suppressed.',
      bodyUk: [
        `Учасники Альянсу звітують про вироблене в Україні, а працівники секретаріату підтверджують кожен звіт. За ${lastYear} рік зведені дані можна опублікувати у ${nUk(published.length, ['категорії', 'категоріях', 'категоріях'])}:`,
        lines('uk') || '- поки що жодна категорія не має достатньо звітів для публікації',
        `У ${nUk(suppressed.length, ['категорії', 'категоріях', 'категоріях'])} дані приховано: звітувало менше трьох компаній або одна компанія дає понад 70 % виробництва. Потреби не публікуються, покриття показано діапазоном. Повна таблиця — на сторінці локалізації та у відкритих даних.`,
      ].join('\n\n'),
      bodyEn: [
        `Alliance members report what they made in Ukraine, and the secretariat confirms each report. For ${lastYear}, the totals can be published in ${nEn(published.length, 'category', 'categories')}:`,
        lines('en') || '- no category has enough reports to be published yet',
        `In ${nEn(suppressed.length, 'category', 'categories')} the figures are suppressed: fewer than three companies reported, or one company makes more than 70 % of the output. Needs are not published; coverage is shown as a band. The full table is on the localization page and in the open data.`,
      ].join('\n\n'),
      tags: ['localization'],
      at: addDays(now, -1 / 1440),
      state: 'published',
    });
  }

  if (second) {
    posts.push({
      slug: 'second-forum-registration',
      titleUk: `Другий міжнародний форум оборонних індустрій: реєстрацію відкрито`,
      titleEn: 'Second International Defense Industries Forum: registration is open',
      summaryUk: `Форум відбудеться ${rangeUk(second.startsOn, second.endsOn)} у Львові; компанії реєструють делегатів на платформі.`,
      summaryEn: `The forum takes place in Lviv on ${rangeEn(second.startsOn, second.endsOn)}; companies register their delegates on the platform.`,
      bodyUk: [
        `${rangeUk(second.startsOn, second.endsOn)} у Львові відбудеться другий міжнародний форум оборонних індустрій.`,
        'У програмі — підсумки першого року Альянсу, результати конкурсів фонду, нові програми і B2B-зустрічі. Компанії реєструють делегатів і заповнюють профіль партнерства на платформі; платформа пропонує партнерів за взаємодоповнювальними спроможностями і складає розклад зустрічей.',
      ].join('\n\n'),
      bodyEn: [
        `The second international forum of defense industries takes place in Lviv on ${rangeEn(second.startsOn, second.endsOn)}.`,
        'The programme covers the first year of the Alliance, the results of the fund’s calls, new programmes and B2B meetings. Companies register their delegates and fill in their partnering profile on the platform, which suggests partners with complementary capabilities and draws up the meeting schedule.',
      ].join('\n\n'),
      tags: ['forum'],
      at: addDays(now, 3),
      state: 'scheduled',
    });
  }

  posts.push({
    slug: 'regime-annual-reports-reminder',
    titleUk: 'Резиденти спеціального правового режиму: щорічні звіти',
    titleEn: 'Residents of the special economic regime: annual reports',
    summaryUk: 'Нагадування про строки подання щорічних звітів про відповідність.',
    summaryEn: 'A reminder of the deadline for annual compliance reports.',
    bodyUk: 'Резиденти спеціального правового режиму щороку звітують про частку оборонної виручки, кількість працівників в Україні, середню заробітну плату і локальну складову. Звіт подається на платформі; платформа одразу перевіряє його за чинними правилами режиму.\n\n_Чернетка: дату уточнити після рішення адміністрації режиму._',
    bodyEn: 'Residents of the special economic regime report every year on their share of defense revenue, their staff in Ukraine, the average wage and local content. The report is filed on the platform, which checks it at once against the regime’s current rules.\n\n_Draft: confirm the date once the regime administration has decided._',
    tags: ['regime'],
    at: now,
    state: 'draft',
  });

  await inBatches(context, posts.sort((a, b) => a.at.getTime() - b.at.getTime()), 25, async ({ db }, plan) => {
    const post = await createPost(db, officer.actor, { slug: plan.slug, titleUk: plan.titleUk, titleEn: plan.titleEn, summaryUk: plan.summaryUk, summaryEn: plan.summaryEn, bodyUk: plan.bodyUk, bodyEn: plan.bodyEn, tags: plan.tags });
    if (plan.state === 'published') await transitionPost(db, officer.actor, post.id, { action: 'publish', version: post.version }, plan.at < now ? plan.at : now);
    if (plan.state === 'scheduled') await transitionPost(db, officer.actor, post.id, { action: 'schedule', version: post.version, publishAt: plan.at.toISOString() }, now);
  });

  await createFaq(db, officer.actor, {
    groupKey: 'forum',
    groupUk: 'Форум',
    groupEn: 'The forum',
    questionUk: 'Як працюють B2B-зустрічі на форумі?',
    questionEn: 'How do B2B meetings at the forum work?',
    answerUk:
      'Компанія реєструє делегатів і заповнює профіль партнерства: що шукає і що пропонує. Платформа пропонує партнерів із взаємодоповнювальними спроможностями. Запит на зустріч приймає або відхиляє компанія, якій його надіслано; прийняті зустрічі розклад розміщує за столами і часом так, щоб **жоден делегат не мав двох зустрічей одночасно** і не пропускав сесію, де виступає. Кожен делегат бачить свій порядок денний.',
    answerEn:
      'A company registers its delegates and fills in a partnering profile: what it seeks and what it offers. The platform suggests partners with complementary capabilities. The company asked to meet accepts or declines each request; the schedule puts accepted meetings at tables and times so that **no delegate has two meetings at once** or misses a session they speak at. Each delegate sees a personal agenda.',
    sortOrder: 50,
    published: true,
  });
  await createFaq(db, officer.actor, {
    groupKey: 'fund',
    groupUk: 'Фонд',
    groupEn: 'The fund',
    questionUk: 'Як оцінюють пропозиції до конкурсів фонду?',
    questionEn: 'How are proposals to the fund’s calls evaluated?',
    answerUk:
      'Кожну пропозицію оцінюють щонайменше двоє незалежних експертів за критеріями конкурсу з вагами. Перед оцінюванням експерт заявляє, чи має конфлікт інтересів; якщо так, його замінюють. Підсумкові бали затверджує комісія, а рейтинг складається за опублікованим правилом: фінансуються пропозиції, що пройшли пороги, у порядку балів, доки вистачає бюджету. Виплати — частинами після перевірки кожного етапу, кожну виплату затверджують двоє працівників фонду.',
    answerEn:
      'Each proposal is scored by at least two independent evaluators against the call’s weighted criteria. Before scoring, an evaluator declares whether they have a conflict of interest; if so, they are replaced. A panel confirms the final scores, and the ranking follows a published rule: proposals that pass the thresholds are funded in order of score while the budget lasts. Money is paid in instalments after each milestone is verified, and two fund officers approve every payment.',
    sortOrder: 35,
    published: true,
  });
  context.progress(`portal: ${posts.length} news posts (${posts.filter((p) => p.state === 'published').length} published, ${posts.filter((p) => p.state === 'scheduled').length} scheduled, ${posts.filter((p) => p.state === 'draft').length} draft), 2 FAQ entries`);
}

/** The news of a call opening, from the call as the fund published it. */
function callOpened(call: TCall): PostPlan {
  const closes = call.closesAt.slice(0, 10);
  const topic = call.capabilities.join(', ');
  return {
    slug: `call-${call.code}-open`,
    titleUk: `Фонд оголосив конкурс «${call.titleUk}»`,
    titleEn: `The fund opens the call “${call.titleEn}”`,
    summaryUk: `Бюджет — ${millions(call.budgetMinor, 'uk')} млн грн; пропозиції приймаються до ${dayUk(closes)}.`,
    summaryEn: `Budget: UAH ${millions(call.budgetMinor, 'en')} million; proposals are accepted until ${dayEn(closes)}.`,
    bodyUk: [
      `Спеціальний оборонний фонд оголосив конкурс «${call.titleUk}» (програма \`${call.code}\`, категорії: ${topic}).`,
      `Бюджет конкурсу — **${millions(call.budgetMinor, 'uk')} млн грн**; кошти зарезервовано в книзі обліку фонду, тож їх не можна пообіцяти двічі. Пропозиції приймаються до ${dayUk(closes)}.`,
      call.textUk,
    ].join('\n\n'),
    bodyEn: [
      `The special defense fund has opened the call “${call.titleEn}” (programme \`${call.code}\`, categories: ${topic}).`,
      `The call’s budget is **UAH ${millions(call.budgetMinor, 'en')} million**, reserved in the fund’s ledger so that the money cannot be promised twice. Proposals are accepted until ${dayEn(closes)}.`,
      call.textEn,
    ].join('\n\n'),
    tags: ['fund', 'calls'],
    at: new Date(call.opensAt),
    state: 'published',
  };
}
