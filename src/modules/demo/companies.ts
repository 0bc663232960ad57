// The forum's 252 companies: planned from the seed (names, identifiers, people, ownership), then
// written through the registry service as the secretariat would enter them: organizations with their
// identifiers, directors, owners and holding companies, each change audited.

import { UA_REGIONS } from '../../core/ua-regions.ts';
import { edrpouCheckDigit, leiCheckDigits } from '../registry/identifiers.ts';
import { CONTROL_KINDS, ZCreateOrganizationBody, type TCreateOrganization } from '../registry/schema.ts';
import { type ImportedLink, type ImportedOfficer, type ImportedPerson, addOwner, importOrganizations, importOwnership } from '../registry/service.ts';
import type { DemoContext } from './context.ts';
import {
  PARTNER_COUNTRIES,
  SECTOR_WORDS,
  UA_ADJECTIVES,
  UA_CITIES,
  UA_FAMILY,
  UA_GIVEN,
  UA_LEGAL_FORMS,
  UA_NOUNS,
  UA_PROFILES,
  type CountryProfile,
  between,
  cyrillicSpelling,
  phoneNumber,
  pick,
  romanizeUkrainian,
  shuffled,
  slugOf,
  ukrainianPatronymic,
} from './names.ts';
import { NATIONAL_SCHEME_COUNTRIES, nationalIdentifier } from './national-ids.ts';
import type { SanctionedPerson } from './sanctions.ts';

type Random = () => number;
type ControlKind = (typeof CONTROL_KINDS)[number];

/** Ukrainian producers among the 252 companies. */
export const DOMESTIC_COMPANIES = 110;
/** All companies at the founding forum. */
export const FORUM_COMPANIES = DOMESTIC_COMPANIES + PARTNER_COUNTRIES.reduce((sum, c) => sum + c.companies, 0);

/** A person the seed enters in the registry (an owner or director). */
export interface PersonPlan {
  names: Array<{ fullName: string; script: 'Latn' | 'Cyrl' }>;
  birthDate: string;
  nationalities: string[];
  /** The listed entity this person is, for an owner on a sanctions list. */
  listedEntityId?: string;
}

/** Who owns: a person, a holding company planned with its own owners, or another forum company. */
export type OwnerPlan = { kind: 'person'; person: PersonPlan } | { kind: 'holding'; holding: HoldingPlan } | { kind: 'company'; companyIndex: number };

/** One ownership link. */
export interface LinkPlan {
  owner: OwnerPlan;
  sharePercent: number | null;
  controlKinds: ControlKind[];
  fromDate: string;
}

/** A holding company (not one of the forum's companies) with its owners. */
export interface HoldingPlan {
  organization: TCreateOrganization;
  owners: LinkPlan[];
}

/** Why a company's owners are on a sanctions list, and what the seed does about it (membership.ts). */
export type SanctionStory = 'rejected_direct' | 'rejected_holding' | 'open_direct' | 'open_chain' | 'member_new_owner' | 'never_applied';

/** One of the 252 companies, as planned. */
export interface CompanyPlan {
  index: number;
  organization: TCreateOrganization;
  domestic: boolean;
  director: PersonPlan;
  owners: LinkPlan[];
  /** An owner the company reports after admission (the member whose new owner is listed). */
  laterOwner?: LinkPlan;
  /** The sanctioned owner's story, when the company has one. */
  sanction?: { story: SanctionStory; person: SanctionedPerson };
  /** The slug used in its e-mail addresses and web site. */
  slug: string;
  /** The company's region in Ukraine (its own for Ukrainian companies, its planned site for foreign ones). */
  siteRegion: keyof typeof UA_REGIONS;
  siteCity: string;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date between `minYears` and `maxYears` before `now`. */
function yearsAgo(random: Random, now: Date, minYears: number, maxYears: number): string {
  const days = between(random, Math.round(minYears * 365), Math.round(maxYears * 365));
  return isoDate(new Date(now.getTime() - days * 86_400_000));
}

// Local operating units of the LEI system (the first four characters of an LEI).
const LEI_PREFIXES = ['5493', '2138', '5299', '9695', '8945', '3912', '7245', '6354', '2549', '8156'];
const LEI_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A new LEI with valid ISO 17442 check digits (the registry's own check-digit function). */
function newLei(random: Random): string {
  let body = `${pick(random, LEI_PREFIXES)}00`;
  for (let i = 0; i < 12; i++) body += pick(random, LEI_ALPHABET.split(''));
  return `XI-LEI-${body}${leiCheckDigits(body)}`;
}

/** A new EDRPOU code with its control digit (the registry's own function). */
function newEdrpou(random: Random): string {
  const first7 = String(between(random, 2_000_000, 4_499_999));
  return `UA-EDR-${first7}${edrpouCheckDigit(first7)}`;
}

/** A Ukrainian person: Cyrillic full name (family, given, patronymic) and its official romanization. */
function ukrainianPerson(random: Random, now: Date): PersonPlan {
  const gender = random() < 0.7 ? 'm' : 'f';
  const given = pick(random, UA_GIVEN[gender]);
  const family = pick(random, UA_FAMILY);
  const patronymic = ukrainianPatronymic(random, gender);
  return {
    names: [
      { fullName: romanizeUkrainian(`${given} ${family}`), script: 'Latn' },
      { fullName: `${family} ${given} ${patronymic}`, script: 'Cyrl' },
    ],
    birthDate: yearsAgo(random, now, 28, 68),
    nationalities: ['UA'],
  };
}

/** A person of a partner country (Latin-script name). */
function foreignPerson(random: Random, now: Date, profile: CountryProfile): PersonPlan {
  return {
    names: [{ fullName: `${pick(random, profile.given)} ${pick(random, profile.family)}`, script: 'Latn' }],
    birthDate: yearsAgo(random, now, 30, 70),
    nationalities: [profile.code],
  };
}

/** A sanctioned person as the registry would hold them: the Ukrainian-Cyrillic spelling and its romanization. */
function sanctionedPlan(person: SanctionedPerson): PersonPlan {
  return {
    names: [
      { fullName: person.latinName, script: 'Latn' },
      { fullName: person.cyrillicName, script: 'Cyrl' },
    ],
    birthDate: person.birthDate,
    nationalities: ['RU'],
    listedEntityId: person.entityId,
  };
}

interface NameBook {
  used: Set<string>;
  /** Identifiers given so far (shared by the companies' and the holdings' books): random numbers can repeat. */
  identifiers: Set<string>;
}

/** A newly made identifier that no organization of the plan has yet. */
function freshIdentifier(book: NameBook, make: () => string): string {
  for (;;) {
    const identifier = make();
    if (!book.identifiers.has(identifier)) {
      book.identifiers.add(identifier);
      return identifier;
    }
  }
}

function unique(book: NameBook, make: () => string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const name = make();
    if (!book.used.has(name)) {
      book.used.add(name);
      return name;
    }
  }
  throw new Error('the demo name lists are too short for the number of companies');
}

function profileOf(country: string): CountryProfile {
  const profile = PARTNER_COUNTRIES.find((c) => c.code === country);
  if (!profile) throw new Error(`no demo profile for ${country}`);
  return profile;
}

function organizationInput(raw: Record<string, unknown>): TCreateOrganization {
  // The registry's own request schema: a generated record that it would refuse is a bug of the demo.
  return ZCreateOrganizationBody.parse(raw);
}

function ukrainianCompany(random: Random, now: Date, book: NameBook, capabilities: string[]) {
  let adjective: [string, string] = UA_ADJECTIVES[0]!;
  let noun: [string, string] = UA_NOUNS[0]!;
  unique(book, () => {
    adjective = pick(random, UA_ADJECTIVES);
    noun = pick(random, UA_NOUNS);
    return `${adjective[1]} ${noun[1]}`;
  });
  const [formUk, formEn] = pick(random, UA_LEGAL_FORMS);
  const shortName = `${adjective[1]} ${noun[1]}`;
  const place = pick(random, UA_CITIES);
  const slug = slugOf(shortName);
  const identifiers = [freshIdentifier(book, () => newEdrpou(random)), ...(random() < 0.3 ? [freshIdentifier(book, () => newLei(random))] : [])];
  const organization = organizationInput({
    name: formEn.length > 6 ? `${formEn} “${shortName}”` : `${shortName} ${formEn}`,
    nameUk: `${formUk} «${adjective[0]} ${noun[0]}»`,
    shortName,
    country: 'UA',
    kind: random() < 0.8 ? 'manufacturer' : pick(random, ['integrator', 'research']),
    sizeBand: pick(random, ['small', 'medium', 'medium', 'large']),
    website: `https://${slug}.demo.adi.example`,
    foundedOn: yearsAgo(random, now, 2, 30),
    addresses: [
      { type: 'registered', street: place.street.replace('{n}', String(between(random, 1, 180))), city: place.city, region: UA_REGIONS[place.region as keyof typeof UA_REGIONS].uk, postalCode: place.postalCode, country: 'UA' },
    ],
    contacts: [{ name: 'Приймальня', role: 'Office', email: `office@${slug}.demo.adi.example`, phone: phoneNumber(random, `+380 ${pick(random, ['44', '57', '56', '32', '61', '50', '67'])} ### ## ##`) }],
    capabilities,
    identifiers,
  });
  return { organization, slug, region: place.region as keyof typeof UA_REGIONS, city: place.city };
}

function foreignCompany(random: Random, now: Date, book: NameBook, profile: CountryProfile, known: ReadonlySet<string>) {
  let root = '';
  let sector: (typeof SECTOR_WORDS)[number] = SECTOR_WORDS[0]!;
  unique(book, () => {
    root = pick(random, profile.roots);
    sector = pick(random, SECTOR_WORDS);
    return `${root} ${sector[0]}`;
  });
  const [formEn, formUk] = pick(random, profile.legalForms);
  const shortName = `${root} ${sector[0]}`;
  const place = pick(random, profile.cities);
  const slug = slugOf(shortName);
  const national = NATIONAL_SCHEME_COUNTRIES.has(profile.code) ? freshIdentifier(book, () => nationalIdentifier(random, profile.code)!) : null;
  const offered = sector[2].filter((code) => known.has(code));
  const capabilities = shuffled(random, offered).slice(0, between(random, 1, Math.max(1, offered.length)));
  const organization = organizationInput({
    name: `${shortName} ${formEn}`,
    nameUk: `${cyrillicSpelling(root)} ${sector[1]} ${formUk}`,
    shortName,
    country: profile.code,
    kind: random() < 0.75 ? 'manufacturer' : pick(random, ['supplier', 'integrator']),
    sizeBand: pick(random, ['medium', 'large', 'large', 'small']),
    website: `https://${slug}.demo.adi.example`,
    foundedOn: yearsAgo(random, now, 5, 60),
    addresses: [{ type: 'registered', street: place.street.replace('{n}', String(between(random, 1, 250))), city: place.city, postalCode: place.postalCode, country: profile.code }],
    contacts: [{ name: 'Business development', role: 'Ukraine desk', email: `ukraine@${slug}.demo.adi.example`, phone: phoneNumber(random, profile.phone) }],
    capabilities,
    identifiers: [...(national ? [national] : []), freshIdentifier(book, () => newLei(random))],
  });
  return { organization, slug };
}

const HOLDING_WORDS: Array<[string, string]> = [['Capital', 'Капітал'], ['Invest', 'Інвест'], ['Holding', 'Холдинг'], ['Group', 'Груп'], ['Partners', 'Партнерс']];

function holdingCompany(random: Random, now: Date, book: NameBook, country: string, owners: LinkPlan[]): HoldingPlan {
  let family = '';
  let word: [string, string] = HOLDING_WORDS[0]!;
  const domestic = country === 'UA';
  const profile = domestic ? null : profileOf(country);
  unique(book, () => {
    family = domestic ? pick(random, UA_FAMILY) : pick(random, profile!.family);
    word = pick(random, HOLDING_WORDS);
    return `${domestic ? romanizeUkrainian(family) : family} ${word[0]}`;
  });
  const familyLatin = domestic ? romanizeUkrainian(family) : family;
  const [formEn, formUk] = domestic ? ['LLC', 'ТОВ'] : pick(random, profile!.legalForms);
  const hasNational = !domestic && NATIONAL_SCHEME_COUNTRIES.has(country);
  const identifiers = domestic
    ? [freshIdentifier(book, () => newEdrpou(random))]
    : [...(hasNational ? [freshIdentifier(book, () => nationalIdentifier(random, country)!)] : []), freshIdentifier(book, () => newLei(random))];
  const organization = organizationInput({
    name: `${familyLatin} ${word[0]} ${formEn}`,
    nameUk: domestic ? `${formUk} «${family} ${word[1]}»` : `${cyrillicSpelling(familyLatin)} ${word[1]} ${formUk}`,
    country,
    kind: 'investor',
    foundedOn: yearsAgo(random, now, 3, 25),
    addresses: [],
    contacts: [],
    capabilities: [],
    identifiers,
  });
  return { organization, owners };
}

function link(owner: OwnerPlan, sharePercent: number | null, fromDate: string, controlKinds: ControlKind[] = []): LinkPlan {
  return { owner, sharePercent, controlKinds, fromDate };
}

const person = (p: PersonPlan): OwnerPlan => ({ kind: 'person', person: p });
const holding = (h: HoldingPlan): OwnerPlan => ({ kind: 'holding', holding: h });

/**
 * Plans the 252 companies from the seed: 110 Ukrainian producers and 142 makers and suppliers from
 * 29 partner countries, each with a director and owners (people, holding companies two or three
 * levels deep, or another forum company). The sanctioned people, when the lists are there, become
 * owners of six companies with different stories (see SanctionStory).
 */
export function planCompanies(random: Random, now: Date, knownCapabilities: ReadonlySet<string>, sanctioned: SanctionedPerson[]): CompanyPlan[] {
  const identifiers = new Set<string>();
  const book: NameBook = { used: new Set(), identifiers };
  const holdingBook: NameBook = { used: new Set(), identifiers };
  const plans: CompanyPlan[] = [];
  const foundedPerson = (country: string) => (country === 'UA' ? ukrainianPerson(random, now) : foreignPerson(random, now, profileOf(country)));

  const countries: string[] = [...Array.from({ length: DOMESTIC_COMPANIES }, () => 'UA'), ...PARTNER_COUNTRIES.flatMap((c) => Array.from({ length: c.companies }, () => c.code))];
  for (const [index, country] of countries.entries()) {
    const domestic = country === 'UA';
    let organization: TCreateOrganization;
    let slug: string;
    let siteRegion: keyof typeof UA_REGIONS;
    let siteCity: string;
    if (domestic) {
      const capabilities = pick(random, UA_PROFILES).filter((code) => knownCapabilities.has(code));
      const made = ukrainianCompany(random, now, book, capabilities);
      ({ organization, slug } = made);
      siteRegion = made.region;
      siteCity = made.city;
    } else {
      ({ organization, slug } = foreignCompany(random, now, book, profileOf(country), knownCapabilities));
      const site = pick(random, UA_CITIES);
      siteRegion = site.region as keyof typeof UA_REGIONS;
      siteCity = site.city;
    }
    const founded = organization.foundedOn ?? isoDate(now);
    const director = foundedPerson(country);
    const roll = random();
    let owners: LinkPlan[];
    if (roll < 0.3) {
      owners = [link(person(director), 100, founded)];
    } else if (roll < 0.55) {
      const share = between(random, 51, 80);
      owners = [link(person(director), share, founded), link(person(foundedPerson(country)), 100 - share, founded)];
    } else if (roll < 0.7) {
      // Three partners; the smallest holds under 25 % but appoints a board member: a beneficial owner by control.
      const first = between(random, 38, 50);
      const second = between(random, 25, 100 - first - 10);
      owners = [
        link(person(director), first, founded),
        link(person(foundedPerson(country)), second, founded),
        link(person(foundedPerson(country)), 100 - first - second, founded, random() < 0.5 ? ['appoint_board'] : []),
      ];
    } else if (roll < 0.88) {
      // Two levels: the company belongs to a holding company owned by people.
      const holdingShare = pick(random, [100, 100, 75, 60]);
      const founderShare = between(random, 55, 80);
      const parent = holdingCompany(random, now, holdingBook, country, [
        link(person(foundedPerson(country)), founderShare, founded),
        link(person(foundedPerson(country)), 100 - founderShare, founded),
      ]);
      owners = [link(holding(parent), holdingShare, founded), ...(holdingShare < 100 ? [link(person(director), 100 - holdingShare, founded)] : [])];
    } else if (roll < 0.96 || domestic === false) {
      // Three levels: company ← holding A (80 %) ← holding B (70 %) ← two people; the director keeps 20 %.
      const top = holdingCompany(random, now, holdingBook, country, [link(person(foundedPerson(country)), 55, founded), link(person(foundedPerson(country)), 45, founded)]);
      const middle = holdingCompany(random, now, holdingBook, country, [link(holding(top), 70, founded), link(person(foundedPerson(country)), 30, founded)]);
      owners = [link(holding(middle), 80, founded), link(person(director), 20, founded)];
    } else {
      // A joint venture: a foreign forum company holds 51 %, the Ukrainian founder the rest.
      owners = [link({ kind: 'company', companyIndex: -1 }, 51, founded), link(person(director), 49, founded)];
    }
    plans.push({ index, organization, domestic, director, owners, slug, siteRegion, siteCity });
  }
  // Joint ventures get their foreign parent now that every company exists.
  const foreign = plans.filter((p) => !p.domestic);
  for (const plan of plans) {
    for (const l of plan.owners) if (l.owner.kind === 'company' && l.owner.companyIndex === -1) l.owner.companyIndex = pick(random, foreign).index;
  }
  placeSanctioned(random, now, plans, sanctioned, holdingBook);
  return plans;
}

/**
 * Makes the listed people owners of six companies (as many as were found), each with another story:
 * two applications rejected on a confirmed hit (one owner direct, one through a holding), two left in
 * screening with an open case (a minority owner, and an owner three levels up), a member whose newly
 * reported owner is listed, and a company that never applied, which the background screening finds.
 */
function placeSanctioned(random: Random, now: Date, plans: CompanyPlan[], sanctioned: SanctionedPerson[], book: NameBook): void {
  const stories: Array<{ story: SanctionStory; domestic: boolean }> = [
    { story: 'rejected_direct', domestic: false },
    { story: 'rejected_holding', domestic: true },
    { story: 'open_direct', domestic: false },
    { story: 'open_chain', domestic: false },
    { story: 'member_new_owner', domestic: true },
    { story: 'never_applied', domestic: false },
  ];
  // Skip the companies other companies own (joint-venture parents): their stories stay simple.
  const parents = new Set(plans.flatMap((p) => p.owners.flatMap((l) => (l.owner.kind === 'company' ? [l.owner.companyIndex] : []))));
  const free = (domestic: boolean) => shuffled(random, plans.filter((p) => p.domestic === domestic && !p.sanction && !parents.has(p.index) && !p.owners.some((l) => l.owner.kind === 'company')));
  for (const [i, listedPerson] of sanctioned.slice(0, stories.length).entries()) {
    const { story, domestic } = stories[i]!;
    const plan = free(domestic)[0]!;
    const listed = sanctionedPlan(listedPerson);
    const founded = plan.organization.foundedOn ?? isoDate(now);
    const country = plan.organization.country;
    const local = () => (country === 'UA' ? ukrainianPerson(random, now) : foreignPerson(random, now, profileOf(country)));
    plan.sanction = { story, person: listedPerson };
    switch (story) {
      case 'rejected_direct':
        plan.owners = [link(person(plan.director), 65, founded), link(person(listed), 35, founded)];
        break;
      case 'rejected_holding': {
        const parent = holdingCompany(random, now, book, 'UA', [link(person(listed), 60, founded), link(person(local()), 40, founded)]);
        plan.owners = [link(holding(parent), 100, founded)];
        break;
      }
      case 'open_direct':
        plan.owners = [link(person(plan.director), 80, founded), link(person(listed), 20, founded)];
        break;
      case 'open_chain': {
        const top = holdingCompany(random, now, book, country, [link(person(listed), 51, founded), link(person(local()), 49, founded)]);
        const middle = holdingCompany(random, now, book, country, [link(holding(top), 100, founded)]);
        plan.owners = [link(holding(middle), 90, founded), link(person(plan.director), 10, founded)];
        break;
      }
      case 'member_new_owner':
        plan.owners = [link(person(plan.director), 70, founded), link(person(local()), 30, founded)];
        // After admission the second partner sells half of its stake to the listed person.
        plan.laterOwner = link(person(listed), 15, isoDate(now));
        plan.owners[1]!.sharePercent = 15;
        break;
      case 'never_applied':
        plan.owners = [link(person(listed), 100, founded)];
        break;
    }
  }
}

// Writing -------------------------------------------------------------------------------------------

/** What the registry gave back for a planned company. */
export interface SeededCompany {
  plan: CompanyPlan;
  organizationId: string;
}

/**
 * Writes the planned companies through the registry service as the program officer: the companies
 * and their holding companies as one import of the forum's participant list, then their people,
 * directors and ownership links as one ownership import (the registry's bulk imports: checked like
 * single changes, every record audited, screening queued).
 */
export async function seedCompanies(context: DemoContext, plans: CompanyPlan[]): Promise<SeededCompany[]> {
  const { db } = context;
  const actor = context.staff.officer.actor;

  // Every holding company, in a fixed order (depth first through the plans).
  const holdings: HoldingPlan[] = [];
  const collect = (owners: LinkPlan[]) => {
    for (const l of owners) {
      if (l.owner.kind !== 'holding' || holdings.includes(l.owner.holding)) continue;
      holdings.push(l.owner.holding);
      collect(l.owner.holding.owners);
    }
  };
  for (const plan of plans) collect(plan.owners);
  const rows = [...plans.map((p) => p.organization), ...holdings.map((h) => h.organization)].map((input, i) => ({ row: i + 1, input }));
  const imported = await importOrganizations(db, actor, rows);
  if (imported.errors.length) throw new Error(`the demo companies were refused: ${imported.errors.map((e) => `${rows[e.row - 1]!.input.name}: ${e.messages.join('; ')}`).join(' | ')}`);
  const idOfRow = new Map(imported.ids.map(({ row, id }) => [row, id]));
  const companyIds = new Map(plans.map((p, i) => [p.index, idOfRow.get(i + 1)!]));
  const holdingIds = new Map(holdings.map((h, i) => [h, idOfRow.get(plans.length + i + 1)!]));
  context.progress(`registry: ${plans.length} companies and ${holdings.length} holding companies`);

  // People, directors and ownership links in one import (each record audited; screening queued).
  const personKeys = new Map<PersonPlan, string>();
  const people: ImportedPerson[] = [];
  const keyOf = (p: PersonPlan, organizationId: string): string => {
    let key = personKeys.get(p);
    if (!key) {
      key = `person-${personKeys.size + 1}`;
      personKeys.set(p, key);
      people.push({ key, person: { names: p.names, birthDate: p.birthDate, nationalities: p.nationalities, identifiers: [] }, enteredForOrganizationId: organizationId });
    }
    return key;
  };
  const links: ImportedLink[] = [];
  const linksOf = (organizationId: string, owners: LinkPlan[]) => {
    for (const l of owners) {
      const owner: ImportedLink['owner'] =
        l.owner.kind === 'person'
          ? { kind: 'person', key: keyOf(l.owner.person, organizationId) }
          : { kind: 'organization', id: l.owner.kind === 'holding' ? holdingIds.get(l.owner.holding)! : companyIds.get(l.owner.companyIndex)! };
      links.push({ ownedOrganizationId: organizationId, owner, sharePercent: l.sharePercent, controlKinds: l.controlKinds, fromDate: l.fromDate });
    }
  };
  for (const h of holdings) linksOf(holdingIds.get(h)!, h.owners);
  const officers: ImportedOfficer[] = [];
  for (const plan of plans) {
    const organizationId = companyIds.get(plan.index)!;
    linksOf(organizationId, plan.owners);
    officers.push({ organizationId, personKey: keyOf(plan.director, organizationId), role: 'director', fromDate: plan.organization.foundedOn ?? null });
  }
  await importOwnership(db, actor, { people, officers, links });
  context.progress(`registry: ${people.length} people, ${links.length} ownership links, ${officers.length} directors`);
  return plans.map((plan) => ({ plan, organizationId: companyIds.get(plan.index)! }));
}

/** Records an owner reported after the company's admission (the member whose new owner is listed). */
export async function addLaterOwner(context: DemoContext, organizationId: string, later: LinkPlan): Promise<void> {
  if (later.owner.kind !== 'person') throw new Error('a later owner is a person');
  const { auth, actor } = context.staff.officer;
  const p = later.owner.person;
  await addOwner(context.db, auth, actor, organizationId, {
    owner: { kind: 'new_person', person: { names: p.names, birthDate: p.birthDate, nationalities: p.nationalities, identifiers: [] } },
    sharePercent: later.sharePercent,
    controlKinds: later.controlKinds,
    fromDate: later.fromDate,
  });
}
