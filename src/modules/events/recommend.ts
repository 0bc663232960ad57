// Partner recommendations (issue #9): for one organization at an event, rank the other participants
// by how well they complement it, and say why in both languages. Pure: the service loads the
// participants; every point of a score comes from one reason the caller can read.

/** What a participant can seek and offer at a forum. */
export const PARTNERING_TOPICS = ['local_partner', 'production_site', 'components', 'technology', 'investment', 'customers'] as const;
export type PartneringTopic = (typeof PARTNERING_TOPICS)[number];

/** A participant as the ranking sees it. */
export interface Participant {
  organizationId: string;
  name: string;
  country: string;
  kind: 'manufacturer' | 'integrator' | 'research' | 'supplier' | 'investor' | 'public_body' | 'other';
  /** Capability category codes (`uav.fpv`), from the registry. */
  capabilities: string[];
  seeks: PartneringTopic[];
  offers: PartneringTopic[];
  /** Capability codes the participant is interested in at this event. */
  interests: string[];
  goals: string;
}

export type ReasonCode = 'local_producer' | 'foreign_manufacturer' | 'component_supplier' | 'offers_what_you_seek' | 'seeks_what_you_offer' | 'shared_interests' | 'localization_pair' | 'shared_goals';

/** One reason for a recommendation, with the points it adds. */
export interface Reason {
  code: ReasonCode;
  points: number;
  textUk: string;
  textEn: string;
}

export interface Recommendation {
  organizationId: string;
  name: string;
  country: string;
  kind: Participant['kind'];
  score: number;
  reasons: Reason[];
}

/** Names of categories and topics, for the reasons' texts. */
export interface Vocabulary {
  categoryName: (code: string) => { uk: string; en: string };
}

export const POINTS = {
  localProducer: 40,
  foreignManufacturer: 40,
  componentSupplier: 25,
  topicMatch: 20,
  sharedInterest: 5,
  sharedInterestCap: 20,
  localizationPair: 10,
  sharedGoalWord: 2,
  sharedGoalCap: 10,
} as const;

const MAKERS: ReadonlySet<Participant['kind']> = new Set(['manufacturer', 'integrator']);
const PRODUCERS: ReadonlySet<Participant['kind']> = new Set(['manufacturer', 'integrator', 'supplier', 'research']);

const TOPIC_NAMES: Record<PartneringTopic, { uk: string; en: string }> = {
  local_partner: { uk: 'місцевий партнер', en: 'a local partner' },
  production_site: { uk: 'виробничий майданчик', en: 'a production site' },
  components: { uk: 'комплектуючі', en: 'components' },
  technology: { uk: 'технології', en: 'technology' },
  investment: { uk: 'інвестиції', en: 'investment' },
  customers: { uk: 'замовники', en: 'customers' },
};

/** The top-level category of a capability code (`uav.fpv` → `uav`). */
function topOf(code: string): string {
  return code.split('.')[0] ?? code;
}

/**
 * The categories two capability lists share: the exact codes both name, and, where they meet only
 * higher up (`uav.fpv` and `uav.reconnaissance`), the top-level category.
 */
function sharedCategories(a: string[], b: string[]): string[] {
  const exact = [...new Set(a)].filter((code) => b.includes(code));
  const covered = new Set(exact.map(topOf));
  const other = new Set(b.map(topOf));
  const tops = [...new Set(a.map(topOf))].filter((top) => other.has(top) && !covered.has(top));
  return [...exact, ...tops];
}

// Words that say nothing about what a company wants, in both languages.
const STOP_WORDS = new Set(['with', 'from', 'that', 'this', 'have', 'will', 'into', 'their', 'about', 'looking', 'seek', 'seeking', 'want', 'wants', 'partner', 'partners', 'company', 'companies', 'production', 'ukraine', 'ukrainian', 'який', 'яка', 'яке', 'які', 'шукаємо', 'шукає', 'партнер', 'партнерів', 'компанія', 'компанії', 'україні', 'україна', 'виробництво', 'виробництва', 'разом', 'також', 'наших', 'нашої']);

/** Content words (4+ letters, lower case) of a goals text. */
export function goalWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).filter((word) => !STOP_WORDS.has(word)));
}

function names(codes: string[], vocabulary: Vocabulary) {
  const list = codes.map((code) => vocabulary.categoryName(code));
  return { uk: list.map((n) => n.uk).join(', '), en: list.map((n) => n.en).join(', ') };
}

/**
 * The reasons one candidate suits the subject. `hostCountry` is where production is to be localized:
 * a foreign maker and a domestic producer of the same category are the pairs the Alliance exists for.
 */
export function reasonsFor(subject: Participant, candidate: Participant, hostCountry: string, vocabulary: Vocabulary): Reason[] {
  const reasons: Reason[] = [];
  const subjectForeign = subject.country !== hostCountry;
  const candidateForeign = candidate.country !== hostCountry;
  const shared = sharedCategories(subject.capabilities, candidate.capabilities);

  if (subjectForeign && MAKERS.has(subject.kind) && !candidateForeign && PRODUCERS.has(candidate.kind) && shared.length > 0) {
    const n = names(shared, vocabulary);
    reasons.push({ code: 'local_producer', points: POINTS.localProducer, textUk: `Місцевий виробник у ваших категоріях: ${n.uk}`, textEn: `A local producer in your categories: ${n.en}` });
  }
  if (!subjectForeign && candidateForeign && MAKERS.has(candidate.kind) && shared.length > 0) {
    const n = names(shared, vocabulary);
    reasons.push({ code: 'foreign_manufacturer', points: POINTS.foreignManufacturer, textUk: `Іноземний виробник у ваших категоріях, який локалізує виробництво: ${n.uk}`, textEn: `A foreign manufacturer in your categories looking to localize: ${n.en}` });
  }
  const supplies = candidate.kind === 'supplier' || candidate.offers.includes('components') || candidate.capabilities.some((code) => topOf(code) === 'components');
  if (supplies && MAKERS.has(subject.kind) && (shared.length > 0 || candidate.capabilities.some((code) => topOf(code) === 'components'))) {
    const n = names(shared.length > 0 ? shared : ['components'], vocabulary);
    reasons.push({ code: 'component_supplier', points: POINTS.componentSupplier, textUk: `Постачальник комплектуючих: ${n.uk}`, textEn: `A supplier of components: ${n.en}` });
  }
  for (const topic of subject.seeks.filter((t) => candidate.offers.includes(t))) {
    reasons.push({ code: 'offers_what_you_seek', points: POINTS.topicMatch, textUk: `Пропонує те, що ви шукаєте: ${TOPIC_NAMES[topic].uk}`, textEn: `Offers what you seek: ${TOPIC_NAMES[topic].en}` });
  }
  for (const topic of subject.offers.filter((t) => candidate.seeks.includes(t))) {
    reasons.push({ code: 'seeks_what_you_offer', points: POINTS.topicMatch, textUk: `Шукає те, що ви пропонуєте: ${TOPIC_NAMES[topic].uk}`, textEn: `Seeks what you offer: ${TOPIC_NAMES[topic].en}` });
  }
  const interests = [...new Set(subject.interests)].filter((code) => candidate.interests.includes(code) || candidate.capabilities.includes(code));
  if (interests.length > 0) {
    const n = names(interests, vocabulary);
    reasons.push({ code: 'shared_interests', points: Math.min(POINTS.sharedInterestCap, interests.length * POINTS.sharedInterest), textUk: `Спільні інтереси: ${n.uk}`, textEn: `Shared interests: ${n.en}` });
  }
  if (subjectForeign !== candidateForeign && (shared.length > 0 || interests.length > 0)) {
    reasons.push(
      subjectForeign
        ? { code: 'localization_pair', points: POINTS.localizationPair, textUk: 'Компанія з країни локалізації', textEn: 'A company from the country where production is localized' }
        : { code: 'localization_pair', points: POINTS.localizationPair, textUk: `Іноземна компанія (${candidate.country})`, textEn: `A foreign company (${candidate.country})` },
    );
  }
  const theirs = goalWords(candidate.goals);
  const words = [...goalWords(subject.goals)].filter((word) => theirs.has(word)).sort();
  if (words.length > 0) {
    const list = words.slice(0, 5).join(', ');
    reasons.push({ code: 'shared_goals', points: Math.min(POINTS.sharedGoalCap, words.length * POINTS.sharedGoalWord), textUk: `Схожі цілі: ${list}`, textEn: `Similar goals: ${list}` });
  }
  return reasons;
}

/** The other participants ranked for the subject: highest score first, then by name; those with no reason are left out. */
export function recommendPartners(subject: Participant, candidates: Participant[], hostCountry: string, vocabulary: Vocabulary): Recommendation[] {
  return candidates
    .filter((candidate) => candidate.organizationId !== subject.organizationId)
    .map((candidate) => {
      const reasons = reasonsFor(subject, candidate, hostCountry, vocabulary).sort((a, b) => b.points - a.points);
      return { organizationId: candidate.organizationId, name: candidate.name, country: candidate.country, kind: candidate.kind, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
    })
    .filter((recommendation) => recommendation.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}
