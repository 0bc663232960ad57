/**
 * Collects the parts of one ListEntity as a parser finds them, dropping duplicates, so each
 * parser only has to say what it found.
 */
import type { EntityIdentifier, EntityName, EntitySchema, ListEntity } from '../types.ts';

const NAME_STRENGTH: Record<EntityName['kind'], number> = { primary: 3, alias: 2, weak: 1 };

/** Collapses runs of whitespace (lists wrap long values over several lines) and trims. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Builds one ListEntity. */
export class EntityBuilder {
  private readonly names = new Map<string, EntityName['kind']>();
  private readonly birthDates = new Set<string>();
  private readonly countries = new Set<string>();
  private readonly identifiers = new Map<string, EntityIdentifier>();
  private readonly programs = new Set<string>();
  private readonly sourceUrls = new Set<string>();
  private readonly notes: string[] = [];
  gender?: 'male' | 'female';

  constructor(
    readonly id: string,
    readonly schema: EntitySchema,
  ) {}

  /** Adds a name; a name listed twice keeps its strongest kind (an alias equal to the primary name is not an alias). */
  addName(value: string, kind: EntityName['kind']): void {
    const name = cleanText(value);
    if (!name) return;
    const known = this.names.get(name);
    if (known === undefined || NAME_STRENGTH[kind] > NAME_STRENGTH[known]) this.names.set(name, kind);
  }

  /** Adds an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD). */
  addBirthDate(date: string): void {
    this.birthDates.add(date);
  }

  /** Adds an alpha-2 country code. */
  addCountry(code: string): void {
    this.countries.add(code);
  }

  /** Adds an identifier; the same scheme, value and country is kept once. */
  addIdentifier(identifier: EntityIdentifier): void {
    const value = cleanText(identifier.value);
    if (!value) return;
    const cleaned: EntityIdentifier = identifier.country ? { scheme: identifier.scheme, value, country: identifier.country } : { scheme: identifier.scheme, value };
    this.identifiers.set(`${cleaned.scheme}\u0000${value}\u0000${cleaned.country ?? ''}`, cleaned);
  }

  /** Adds a sanctions program code. */
  addProgram(program: string): void {
    const cleaned = cleanText(program);
    if (cleaned) this.programs.add(cleaned);
  }

  /** Adds a link to the source record. */
  addSourceUrl(url: string): void {
    const cleaned = url.trim();
    if (cleaned) this.sourceUrls.add(cleaned);
  }

  /** Adds a paragraph of the list's remarks. */
  addNote(text: string): void {
    const cleaned = text.trim();
    if (cleaned) this.notes.push(cleaned);
  }

  /** True once a primary name has been added. */
  hasPrimaryName(): boolean {
    for (const kind of this.names.values()) if (kind === 'primary') return true;
    return false;
  }

  /** The finished entity; the caption is the first primary name. Callers make sure there is one. */
  build(): ListEntity {
    const names = [...this.names].map(([value, kind]) => ({ value, kind }));
    // Primary names first so the caption and the engine's "best name" see the list's own name first.
    names.sort((a, b) => NAME_STRENGTH[b.kind] - NAME_STRENGTH[a.kind]);
    const entity: ListEntity = {
      id: this.id,
      schema: this.schema,
      caption: names.find((name) => name.kind === 'primary')?.value ?? '',
      names,
      birthDates: [...this.birthDates],
      countries: [...this.countries],
      identifiers: [...this.identifiers.values()],
      programs: [...this.programs],
      sourceUrls: [...this.sourceUrls],
    };
    if (this.gender) entity.gender = this.gender;
    if (this.notes.length > 0) entity.notes = this.notes.join('\n');
    return entity;
  }
}
