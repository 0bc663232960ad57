import { acceptMeeting, checkIn, createEvent, createSession, declineMeeting, registerDelegate, requestMeeting, runSchedule, updateEvent, updateParticipant } from '../events/service.ts';
import type { PartneringTopic } from '../events/recommend.ts';
import { meetingSlots, localToInstant } from '../events/slots.ts';
import { addDays, addMonths, chance, intBetween, isoDate, pick, pluralUk, shuffled } from './calendar.ts';
import { type DemoCompany, type DemoContext, inBatches } from './context.ts';

// The founding forum (PRODUCT.md): the first international forum of defense industries in Kyiv, where
// the companies of the data set came from about thirty countries. It is recorded as an event that
// took place some twenty months before the demo's "today": sessions with speakers, delegates of the
// companies, partner profiles, B2B meeting requests (most accepted, some declined, a few unanswered),
// a handful booked at once and the rest placed by the scheduler, delegates checked in at the door; then
// the event is closed and its agendas stay. A second forum is published for registration, and a
// regional workshop is still a draft.

/** The time zone of the forums (meeting hours are local to it). */
const KYIV = 'Europe/Kyiv';
/** At most this many meeting requests (the seed must stay quick). */
const MAX_MEETING_REQUESTS = 55;
/** At most this many partner profiles filled in. */
const MAX_PROFILES = 15;
/** At most this many delegates scanned at the door. */
const MAX_CHECK_INS = 12;
/** At most this many companies register delegates on the platform (members first). */
const MAX_DELEGATE_COMPANIES = 110;

const UA_FIRST = ['Олександр', 'Андрій', 'Оксана', 'Ірина', 'Богдан', 'Наталія', 'Юрій', 'Олена', 'Тарас', 'Марія', 'Дмитро', 'Світлана', 'Василь', 'Галина', 'Роман', 'Людмила', 'Сергій', 'Катерина'];
const UA_LAST = ['Коваленко', 'Бондар', 'Ткаченко', 'Шевчук', 'Мельник', 'Кравчук', 'Олійник', 'Литвиненко', 'Гнатюк', 'Савчук', 'Поліщук', 'Марченко', 'Руденко', 'Левченко', 'Климченко', 'Дорошенко'];
const INTL_FIRST = ['Anna', 'Lars', 'Marek', 'Sophie', 'Thomas', 'Elena', 'Jan', 'Claire', 'Piotr', 'Ingrid', 'Martin', 'Laura', 'Tomas', 'Eva', 'Henrik', 'Julia', 'Pierre', 'Kaito', 'Min-jun', 'Emre', 'David', 'Sarah', 'Matteo', 'Lucia'];
const INTL_LAST = ['Nordberg', 'Kowalczyk', 'Schneider', 'Dubois', 'Lindqvist', 'Novak', 'Hansen', 'Rossi', 'Fischer', 'Varga', 'Jensen', 'Moreau', 'Kaminski', 'Berg', 'Laurent', 'Tanaka', 'Park', 'Yilmaz', 'Walker', 'Mitchell', 'Costa', 'Horvat'];
const POSITIONS = ['Chief Executive Officer', 'Director of Business Development', 'Head of Production', 'Chief Engineer', 'Export Director', 'Head of Quality', 'Director for Ukraine', 'Head of Partnerships', 'Technical Director', 'Head of Procurement'];

interface Delegate {
  id: string;
  fullName: string;
  company: DemoCompany;
  badgeCode: string | null;
  speaker: boolean;
  /** Marked a meeting slot as unavailable. */
  blocked: boolean;
}

function personName(random: () => number, domestic: boolean): string {
  return domestic ? `${pick(random, UA_FIRST)} ${pick(random, UA_LAST)}` : `${pick(random, INTL_FIRST)} ${pick(random, INTL_LAST)}`;
}

function emailPart(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return ascii || 'delegate';
}

/** The Thursday on or after a date: the forums open on a Thursday. */
function thursdayFrom(at: Date): string {
  const day = at.getUTCDay();
  return isoDate(addDays(at, (4 - day + 7) % 7));
}

/** The two days of the founding forum: a Thursday and Friday some twenty months before the demo's "today". */
export function foundingForumDays(now: Date): [string, string] {
  const day1 = thursdayFrom(addMonths(now, -20));
  return [day1, isoDate(addDays(new Date(`${day1}T00:00:00Z`), 1))];
}

/** Seeds the founding forum with its matchmaking, and the next events. */
export async function seedForum(context: DemoContext): Promise<void> {
  const { db, random, now, staff } = context;
  const officer = staff.officer;
  const companies = context.companies;
  if (companies.length === 0) return;
  const countries = new Set(companies.map((c) => c.country)).size;
  const [day1, day2] = foundingForumDays(now);
  const local = (date: string, time: string) => localToInstant(date, time, KYIV).toISOString();

  const draft = await createEvent(db, officer.auth, officer.actor, {
    titleUk: 'Перший міжнародний форум оборонних індустрій',
    titleEn: 'First International Defense Industries Forum',
    descriptionUk:
      `До Києва приїхали представники ${companies.length} ${pluralUk(companies.length, ['компанії', 'компаній', 'компаній'])} оборонної галузі з ${countries} ${pluralUk(countries, ['країни', 'країн', 'країн'])}, щоб налагодити виробництво озброєння в Україні разом з українськими партнерами. ` +
      'На форумі засновано Альянс оборонних індустрій; його учасники, які локалізують виробництво, отримують спеціальний правовий режим, а спеціальний оборонний фонд, що наповнюється зокрема коштами від продажу конфіскованих активів, фінансує нові виробничі лінії.\n\n' +
      'Програма: пленарне засідання, тематичні панелі (боєприпаси, безпілотні системи і РЕБ, протиповітряна оборона, фінансування) та двосторонні B2B-зустрічі між іноземними виробниками й українськими підприємствами.',
    descriptionEn:
      `${companies.length} defense ${companies.length === 1 ? 'company' : 'companies'} from ${countries} ${countries === 1 ? 'country' : 'countries'} came to Kyiv to set up weapons production in Ukraine with Ukrainian partners. ` +
      'The forum founded the Alliance of Defense Industries; members that localize production get a special economic regime, and a special defense fund, financed in part by the sale of confiscated assets, pays for new production lines.\n\n' +
      'Programme: a plenary session, panels (ammunition, unmanned systems and electronic warfare, air defense, financing) and B2B meetings between foreign manufacturers and Ukrainian companies.',
    venueUk: 'Київ (місце проведення повідомлено зареєстрованим делегатам)',
    venueEn: 'Kyiv (venue disclosed to registered delegates)',
    startsOn: day1,
    endsOn: day2,
    timeZone: KYIV,
    capacity: Math.max(100, companies.length * 2 + 50),
    perCompanyLimit: 3,
    meetingMinutes: 30,
    tableCount: Math.max(10, Math.min(60, Math.ceil(companies.length / 6))),
    meetingHours: [
      { date: day1, from: '14:30', to: '18:00' },
      { date: day2, from: '09:30', to: '13:00' },
      { date: day2, from: '14:00', to: '16:30' },
    ],
  });
  let event = await updateEvent(db, officer.auth, officer.actor, draft.id, { version: draft.version, status: 'published' });
  const slots = meetingSlots({ meetingHours: event.meetingHours, meetingMinutes: event.meetingMinutes, timeZone: KYIV });

  // Delegates: one per company (members of the Alliance first), a second for a few.
  const delegates: Delegate[] = [];
  const byCompany = new Map<string, Delegate[]>();
  let serial = 0;
  const attending = [...shuffled(random, companies.filter((c) => c.membershipStatus === 'approved')), ...shuffled(random, companies.filter((c) => c.membershipStatus !== 'approved'))].slice(0, MAX_DELEGATE_COMPANIES);
  await inBatches(context, attending, 25, async ({ db }, company) => {
    const count = chance(random, 0.06) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const fullName = personName(random, company.domestic);
      const unavailableSlots = chance(random, 0.06) ? [pick(random, slots).start] : [];
      const registration = await registerDelegate(db, company.user.auth, company.user.actor, event.id, {
        fullName,
        email: `${emailPart(fullName)}.${++serial}@${emailPart(company.name).slice(0, 40)}.demo.adi.example`,
        position: pick(random, POSITIONS),
        unavailableSlots,
      });
      const delegate = { id: registration.id, fullName, company, badgeCode: registration.badgeCode, speaker: false, blocked: unavailableSlots.length > 0 };
      delegates.push(delegate);
      byCompany.set(company.organizationId, [...(byCompany.get(company.organizationId) ?? []), delegate]);
    }
  });

  // Sessions: officials (fictional) and delegates of the companies on the panels.
  const panelists = (family: string, count: number) => {
    const fits = delegates.filter((d) => !d.speaker && d.company.capabilities.some((code) => code === family || code.startsWith(`${family}.`)));
    const chosen = shuffled(random, fits.length >= count ? fits : delegates.filter((d) => !d.speaker)).slice(0, count);
    for (const d of chosen) d.speaker = true;
    return chosen.map((d) => ({ name: d.fullName, affiliation: d.company.name, registrationId: d.id }));
  };
  const sessions = [
    { titleUk: 'Відкриття форуму: навіщо Україні власна оборонна промисловість', titleEn: 'Opening plenary: why Ukraine needs its own defense industry', room: 'Main hall', startsAt: local(day1, '10:00'), endsAt: local(day1, '11:30'), speakers: [{ name: 'Olha Verbytska', affiliation: 'Ministry of Strategic Industries (fictional official)' }, { name: 'Mykola Hrytsenko', affiliation: 'Alliance of Defense Industries, secretariat (fictional)' }], descriptionEn: 'The Alliance of Defense Industries is founded: its members, the special economic regime and the special defense fund.', descriptionUk: 'Засновано Альянс оборонних індустрій: його учасники, спеціальний правовий режим і спеціальний оборонний фонд.' },
    { titleUk: 'Боєприпаси: від імпорту до виробництва в Україні', titleEn: 'Ammunition: from imports to production in Ukraine', room: 'Hall A', startsAt: local(day1, '11:45'), endsAt: local(day1, '13:00'), family: 'ammunition', descriptionEn: 'Shells, propellant charges and fuzes: what can be made here, with whom, and how fast.', descriptionUk: 'Снаряди, метальні заряди і підривники: що можна виробляти тут, з ким і як швидко.' },
    { titleUk: 'Безпілотні системи і РЕБ: масштабування виробництва', titleEn: 'Unmanned systems and electronic warfare: scaling up production', room: 'Hall B', startsAt: local(day1, '14:30'), endsAt: local(day1, '15:45'), family: 'uav', descriptionEn: 'Domestic components, licences and the supply of motors, cameras and radios.', descriptionUk: 'Вітчизняні компоненти, ліцензії та постачання двигунів, камер і радіомодулів.' },
    { titleUk: 'Спеціальний оборонний фонд: як подати пропозицію', titleEn: 'The special defense fund: how to apply for funding', room: 'Main hall', startsAt: local(day1, '16:00'), endsAt: local(day1, '17:00'), speakers: [{ name: 'Iryna Soloviova', affiliation: 'Special defense fund, programme office (fictional)' }], descriptionEn: 'Sources of the fund (confiscated-asset sales, donors, budget), calls for proposals, evaluation and milestone payments.', descriptionUk: 'Джерела фонду (продаж конфіскованих активів, донори, бюджет), конкурси, оцінювання і виплати за етапами.' },
    { titleUk: 'Протиповітряна оборона: спільні підприємства', titleEn: 'Air defense: joint ventures', room: 'Hall A', startsAt: local(day2, '10:00'), endsAt: local(day2, '11:15'), family: 'air_defense', descriptionEn: 'Radars and interceptors: licences, local assembly and testing grounds.', descriptionUk: 'Радари і засоби перехоплення: ліцензії, локальне складання і полігони.' },
    { titleUk: 'Спеціальний правовий режим: пільги і зобов’язання резидентів', titleEn: 'The special economic regime: benefits and duties of residents', room: 'Hall B', startsAt: local(day2, '11:30'), endsAt: local(day2, '12:30'), speakers: [{ name: 'Andrii Kostenko', affiliation: 'Regime administration (fictional official)' }], descriptionEn: 'Eligibility criteria, annual compliance reports and the public register of residents.', descriptionUk: 'Критерії відповідності, щорічні звіти і публічний реєстр резидентів.' },
    { titleUk: 'Підсумки форуму і наступні кроки', titleEn: 'Closing session and next steps', room: 'Main hall', startsAt: local(day2, '16:45'), endsAt: local(day2, '17:30'), speakers: [{ name: 'Olha Verbytska', affiliation: 'Ministry of Strategic Industries (fictional official)' }], descriptionEn: 'Membership applications open; the fund’s first call is announced.', descriptionUk: 'Відкрито прийом заяв на членство; оголошено перший конкурс фонду.' },
  ];
  await inBatches(context, sessions, 25, async ({ db }, session) => {
    const speakers = [...(session.speakers ?? []), ...('family' in session && session.family ? panelists(session.family, 3) : [])];
    await createSession(db, officer.actor, event.id, {
      titleUk: session.titleUk,
      titleEn: session.titleEn,
      descriptionUk: session.descriptionUk,
      descriptionEn: session.descriptionEn,
      room: session.room,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      speakers,
    });
  });

  // Partner profiles: what foreign makers seek (local partners, sites) and Ukrainian producers offer.
  await inBatches(context, shuffled(random, attending).slice(0, MAX_PROFILES), 25, async ({ db }, company) => {
    const seeks: PartneringTopic[] = company.domestic ? shuffled(random, ['technology', 'investment', 'components'] as PartneringTopic[]).slice(0, 2) : shuffled(random, ['local_partner', 'production_site', 'customers'] as PartneringTopic[]).slice(0, 2);
    const offers: PartneringTopic[] = company.domestic ? shuffled(random, ['local_partner', 'production_site', 'customers'] as PartneringTopic[]).slice(0, 2) : shuffled(random, ['technology', 'investment', 'components'] as PartneringTopic[]).slice(0, 2);
    await updateParticipant(db, company.user.auth, company.user.actor, event.id, company.organizationId, {
      version: 1,
      goals: company.domestic
        ? 'We are looking for foreign manufacturers that want to produce in Ukraine: we offer production space, certified staff and experience with military acceptance.'
        : 'We want to localize production in Ukraine with a reliable partner: final assembly first, then components.',
      seeks,
      offers,
      interests: company.capabilities.slice(0, 3),
    });
  });

  // Meeting requests: mostly foreign makers asking Ukrainian producers in the same family of products.
  const family = (company: DemoCompany) => company.capabilities[0]?.split('.')[0] ?? '';
  const foreign = shuffled(random, companies.filter((c) => !c.domestic && byCompany.has(c.organizationId)));
  const domestic = companies.filter((c) => c.domestic && byCompany.has(c.organizationId));
  const pairs = new Set<string>();
  const requests: Array<{ requester: DemoCompany; recipient: DemoCompany }> = [];
  const limit = Math.min(MAX_MEETING_REQUESTS, Math.round(companies.length * 0.55));
  for (let round = 0; round < 3 && requests.length < limit; round++) {
    for (const requester of foreign) {
      if (requests.length >= limit) break;
      const sameFamily = domestic.filter((d) => family(d) === family(requester));
      const pool = round === 0 && sameFamily.length ? sameFamily : domestic.length ? domestic : companies.filter((c) => c !== requester && byCompany.has(c.organizationId));
      const recipient = pick(random, pool);
      const key = [requester.organizationId, recipient.organizationId].sort().join('|');
      if (recipient === requester || pairs.has(key)) continue;
      pairs.add(key);
      requests.push({ requester, recipient });
    }
  }
  let accepted = 0;
  let declined = 0;
  let booked = 0;
  const bookedPeople = new Map<string, Set<string>>();
  const tablesTaken = new Map<string, number>();
  await inBatches(context, requests, 20, async ({ db }, { requester, recipient }, index) => {
    const from = byCompany.get(requester.organizationId)![0]!;
    const to = byCompany.get(recipient.organizationId)!;
    const meeting = await requestMeeting(db, requester.user.auth, requester.user.actor, event.id, {
      requesterRegistrationId: from.id,
      recipientOrganizationId: recipient.organizationId,
      message: `${requester.name} would like to discuss local production of ${family(requester).replace(/_/g, ' ') || 'defense equipment'} with your team.`,
    });
    const roll = random();
    if (roll < 0.1) return; // left unanswered
    if (roll < 0.24) {
      await declineMeeting(db, recipient.user.auth, recipient.user.actor, event.id, meeting.id, { version: meeting.version, reason: pick(random, ['Our schedule at the forum is full.', 'We already work with a partner in this field.', 'Not our product range, thank you.']) });
      declined += 1;
      return;
    }
    const attendees = to.length > 1 && chance(random, 0.4) ? to.map((d) => d.id) : [to[0]!.id];
    // A few pairs book a slot themselves at once; the scheduler places the others. Speakers and
    // delegates with blocked slots are left to the scheduler, which knows their sessions.
    const people = [from.id, ...attendees];
    const free = (slotStart: string) => people.every((p) => !bookedPeople.get(p)?.has(slotStart)) && (tablesTaken.get(slotStart) ?? 0) < event.tableCount;
    const canBook = index % 9 === 0 && ![from, ...to].some((d) => d.speaker || d.blocked);
    const slot = canBook ? slots.find((s, i) => i >= 4 && free(s.start)) : undefined;
    await acceptMeeting(db, recipient.user.auth, recipient.user.actor, event.id, meeting.id, { version: meeting.version, registrationIds: attendees, ...(slot ? { slotStart: slot.start } : {}) });
    if (slot) {
      booked += 1;
      tablesTaken.set(slot.start, (tablesTaken.get(slot.start) ?? 0) + 1);
      for (const p of people) bookedPeople.set(p, new Set([...(bookedPeople.get(p) ?? []), slot.start]));
    }
    accepted += 1;
  });
  const schedule = await runSchedule(db, officer.actor, event.id, { dryRun: false });

  // At the door: badges scanned on the first morning.
  const scanned = shuffled(random, delegates.filter((d) => d.badgeCode)).slice(0, Math.min(MAX_CHECK_INS, delegates.length));
  await inBatches(context, scanned, 25, ({ db }, delegate) => checkIn(db, officer.actor, delegate.badgeCode!).then(() => {}));
  event = await updateEvent(db, officer.auth, officer.actor, event.id, { version: event.version, status: 'closed' });
  context.progress(
    `forum: ${delegates.length} delegates of ${byCompany.size} companies, ${sessions.length} sessions, ${requests.length} meeting requests (${accepted} accepted, ${declined} declined), ${booked} booked and ${schedule.newlyPlaced} placed by the scheduler`,
  );

  await seedNextEvents(context, delegates);
}

/** The second forum, open for registration, and a workshop still in draft. */
async function seedNextEvents(context: DemoContext, delegates: Delegate[]): Promise<void> {
  const { db, random, now, staff } = context;
  const officer = staff.officer;
  const day1 = thursdayFrom(addMonths(now, 4));
  const day2 = isoDate(addDays(new Date(`${day1}T00:00:00Z`), 1));
  const local = (date: string, time: string) => localToInstant(date, time, KYIV).toISOString();
  const draft = await createEvent(db, officer.auth, officer.actor, {
    titleUk: 'Другий міжнародний форум оборонних індустрій',
    titleEn: 'Second International Defense Industries Forum',
    descriptionUk:
      'Учасники Альянсу звітують про локалізоване виробництво, фонд представляє нові конкурси, а іноземні виробники знаходять українських партнерів на B2B-зустрічах. Реєстрацію делегатів відкрито.',
    descriptionEn:
      'Members of the Alliance report on localized production, the fund presents its new calls, and foreign manufacturers meet Ukrainian partners in B2B meetings. Delegate registration is open.',
    venueUk: 'Львів (місце проведення повідомляється зареєстрованим делегатам)',
    venueEn: 'Lviv (venue disclosed to registered delegates)',
    startsOn: day1,
    endsOn: day2,
    timeZone: KYIV,
    capacity: 600,
    perCompanyLimit: 3,
    meetingMinutes: 30,
    tableCount: 40,
    meetingHours: [
      { date: day1, from: '14:00', to: '18:00' },
      { date: day2, from: '09:30', to: '13:00' },
    ],
  });
  const event = await updateEvent(db, officer.auth, officer.actor, draft.id, { version: draft.version, status: 'published' });
  const sessions = [
    { titleUk: 'Рік Альянсу: що вже виробляється в Україні', titleEn: 'A year of the Alliance: what is already made in Ukraine', room: 'Main hall', startsAt: local(day1, '10:00'), endsAt: local(day1, '11:30') },
    { titleUk: 'Фонд: результати конкурсів і нові програми', titleEn: 'The fund: results of the calls and new programmes', room: 'Main hall', startsAt: local(day1, '12:00'), endsAt: local(day1, '13:00') },
    { titleUk: 'Розмінування: технології і виробництво', titleEn: 'Demining: technology and production', room: 'Hall A', startsAt: local(day2, '13:30'), endsAt: local(day2, '14:30') },
  ];
  await inBatches(context, sessions, 25, ({ db }, session) => createSession(db, officer.actor, event.id, { ...session, descriptionUk: '', descriptionEn: '', speakers: [] }).then(() => {}));
  // A few companies have registered already.
  const early = shuffled(random, [...new Set(delegates.map((d) => d.company))]).slice(0, Math.min(5, delegates.length));
  await inBatches(context, early, 25, async ({ db }, company, index) => {
    const fullName = personName(random, company.domestic);
    await registerDelegate(db, company.user.auth, company.user.actor, event.id, { fullName, email: `${emailPart(fullName)}.second.${index + 1}@${emailPart(company.name).slice(0, 40)}.demo.adi.example`, position: pick(random, POSITIONS), unavailableSlots: [] });
  });
  const workshopDay = isoDate(addDays(now, intBetween(random, 50, 70)));
  await createEvent(db, officer.auth, officer.actor, {
    titleUk: 'День технологій розмінування (Харків)',
    titleEn: 'Demining technology day (Kharkiv)',
    descriptionUk: 'Демонстрація машин і комплектів для розмінування, зустрічі виробників з операторами. Програма готується.',
    descriptionEn: 'Demonstrations of demining machines and kits, and meetings of producers with demining operators. Programme in preparation.',
    venueUk: 'Харків',
    venueEn: 'Kharkiv',
    startsOn: workshopDay,
    endsOn: workshopDay,
    timeZone: KYIV,
    capacity: 150,
    perCompanyLimit: 2,
    meetingMinutes: 30,
    tableCount: 10,
    meetingHours: [{ date: workshopDay, from: '14:00', to: '17:00' }],
  });
  context.progress(`forum: the second forum is open for registration (${early.length} delegates so far), a workshop is in draft`);
}
