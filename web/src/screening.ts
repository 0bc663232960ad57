// What the screening pages share: query keys, how scores and their evidence read, the rules a list
// import's fields follow (the server's, checked first so a mistake is caught before a large upload),
// and how a list file is read as text.
import type { TFunction } from 'i18next';
import { isApiError, type ListFormat, type MatchEvidence, type OrganizationScreening } from './api';
import { currentLanguage } from './i18n';

/** Everything under this key is refreshed after a screening change (a decision, a run, an import). */
export const SCREENING_KEY = ['screening'] as const;
export const organizationScreeningKey = (id: string) => [...SCREENING_KEY, 'organization', id] as const;
export const caseKey = (id: string) => [...SCREENING_KEY, 'case', id] as const;

const LOCALES = { uk: 'uk-UA', en: 'en-GB' } as const;

/** A score in [0, 1] as a whole percentage ("93%", "93 %" in Ukrainian). */
export function formatPercent(score: number): string {
  return new Intl.NumberFormat(LOCALES[currentLanguage()], { style: 'percent', maximumFractionDigits: 0 }).format(score);
}

/** A change of the score as percentage points with one decimal at most ("5", "12.5"). */
function formatPoints(weight: number): string {
  return new Intl.NumberFormat(LOCALES[currentLanguage()], { maximumFractionDigits: 1 }).format(Math.abs(weight) * 100);
}

/**
 * What one piece of evidence did to the score, in words: the name's score is where the score starts;
 * every other feature raises or lowers it (the server gives that change as the weight).
 */
export function effectText(t: TFunction, evidence: MatchEvidence): string {
  if (evidence.feature === 'name') return t('screening.effect.base', { percent: formatPercent(evidence.weight) });
  if (Math.abs(evidence.weight) < 0.0005) return t('screening.effect.none');
  return evidence.weight > 0
    ? t('screening.effect.raises', { points: formatPoints(evidence.weight) })
    : t('screening.effect.lowers', { points: formatPoints(evidence.weight) });
}

const FEATURES = ['name', 'schema', 'birth_date', 'country', 'gender', 'identifier'] as const;
type Feature = (typeof FEATURES)[number];

/** The translated name of an evidence feature; an unknown one is shown as the server names it. */
export function featureName(t: TFunction, feature: string): string {
  return (FEATURES as readonly string[]).includes(feature) ? t(`screening.feature.${feature as Feature}`) : feature;
}

const SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft'] as const;
type Schema = (typeof SCHEMAS)[number];

/** The translated name of a FollowTheMoney schema; an unknown one as the list names it. */
export function schemaName(t: TFunction, schema: string): string {
  return (SCHEMAS as readonly string[]).includes(schema) ? t(`screening.schema.${schema as Schema}`) : schema;
}

const NAME_KINDS = ['primary', 'alias', 'weak'] as const;
type NameKind = (typeof NAME_KINDS)[number];

export function nameKindLabel(t: TFunction, kind: string): string {
  return (NAME_KINDS as readonly string[]).includes(kind) ? t(`screening.nameKind.${kind as NameKind}`) : kind;
}

/** The server's rule for a list source name. */
export const LIST_SOURCE = /^[a-z0-9][a-z0-9_.-]{0,39}$/;
/** A partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD), as lists and queries give birth dates. */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** The server takes at most this many files in one import. */
export const MAX_LIST_FILES = 10;

/**
 * A file name the server accepts (letters, digits, ".", "_", "-"; no folders): other characters
 * become "_". The OFAC importer recognises its files by name (sdn.csv, alt.csv, add.csv), which stay as they are.
 */
export function listFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return cleaned || 'list';
}

/**
 * A list file's text. OFAC publishes its CSV files in Windows-1252 (Latin-1 with typographic
 * extras); every other format is UTF-8.
 */
export async function readListFile(file: File, format: ListFormat): Promise<string> {
  if (format === 'ofac-csv') return new TextDecoder('windows-1252').decode(await file.arrayBuffer());
  return file.text();
}

/** The organization's screening status a refused membership action carries (409 with `screening`). */
export function screeningBlock(error: unknown): OrganizationScreening | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const screening = error.extra.screening as OrganizationScreening | undefined;
  return screening && typeof screening === 'object' && typeof screening.status === 'string' ? screening : null;
}
