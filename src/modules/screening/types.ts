/**
 * The shapes shared by the sanctions-list importers (lists/) and the matching engine (engine/).
 * Importers turn every source format into ListEntity; the engine indexes ListEntity and answers
 * ScreeningQuery with ScreeningMatch.
 */

/** FollowTheMoney-style schema of a listed entity; anything else a list says is kept as 'LegalEntity'. */
export type EntitySchema = 'Person' | 'Organization' | 'Company' | 'LegalEntity' | 'Vessel' | 'Aircraft';

/** A name of a listed entity as the list gives it (any script). */
export interface EntityName {
  value: string;
  /** primary: the list's main name; alias: a strong a.k.a.; weak: a weak/low-quality alias (OFAC "weak aka", UN "low"). */
  kind: 'primary' | 'alias' | 'weak';
}

/** A scheme-qualified identifier of a listed entity. */
export interface EntityIdentifier {
  /** Upper-case scheme: INN, OGRN, EDRPOU, LEI, IMO, PASSPORT, NATIONAL_ID, SWIFT, REGISTRATION, OTHER … */
  scheme: string;
  value: string;
  country?: string;
}

/** One entity of a sanctions list, in the common form every importer produces. */
export interface ListEntity {
  /** Globally unique: `ofac:<ent_num>`, `un:<DATAID>`, `<source>:<id>`. */
  id: string;
  schema: EntitySchema;
  /** The display name (the list's primary name). */
  caption: string;
  names: EntityName[];
  /** ISO 8601 partial dates: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDates: string[];
  /** ISO 3166-1 alpha-2, upper case (nationality, citizenship, jurisdiction, address countries). */
  countries: string[];
  identifiers: EntityIdentifier[];
  gender?: 'male' | 'female';
  /** Sanctions programs (OFAC program codes, UN regime reference prefixes such as "QDi"). */
  programs: string[];
  /** Links back to the source record. */
  sourceUrls: string[];
  /** Free-text remarks of the list (kept for the analyst, never matched on). */
  notes?: string;
}

/** What is screened: a name plus optional evidence. */
export interface ScreeningQuery {
  name: string;
  schema?: 'Person' | 'Organization' | 'Company' | 'LegalEntity' | 'Vessel' | 'Aircraft';
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  birthDate?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
  identifiers?: EntityIdentifier[];
  gender?: 'male' | 'female';
}

/** Why a match scored what it did: shown to analysts side by side. */
export interface MatchEvidence {
  /** name | identifier | birth_date | country | gender */
  feature: string;
  queryValue: string;
  entityValue: string;
  /** Effect on the score: positive raises it, negative lowers it. */
  weight: number;
}

/** One entity that matched a query, best first. */
export interface ScreeningMatch {
  entityId: string;
  caption: string;
  /** In [0, 1]. */
  score: number;
  /** The entity's name (or alias) that matched best. */
  matchedName: string;
  /** The list source name the entity belongs to (e.g. "ofac", "un"). */
  source: string;
  programs: string[];
  evidence: MatchEvidence[];
}
