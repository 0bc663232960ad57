// Small helpers the fund, localization, forum and portal parts of the demo share: dates relative to
// the demo's "today", draws from the seeded generator, and a tiny PDF for evidence documents. Nothing
// here reads the wall clock or Math.random: the data set must come out the same for the same seed.

const DAY = 86_400_000;

/** The instant `days` days after `from` (negative: before). */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY);
}

/** The same day-of-month and time `months` months after `from` (clamped to the month's last day), in UTC. */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

/** The calendar date of an instant in UTC, as YYYY-MM-DD. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The quarter of an instant as a localization period (2027-Q1). */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/** The quarter before a quarter period. */
export function previousQuarter(period: string): string {
  const [year, q] = [Number(period.slice(0, 4)), Number(period.slice(-1))];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/**
 * The Ukrainian noun form after a number: `forms` are the forms after 1 (21, 31…), after 2–4 (22–24…)
 * and after the rest (5–20, 25–30…), each in the case the sentence needs.
 */
export function pluralUk(value: number, forms: [string, string, string]): string {
  const last = value % 10;
  const lastTwo = value % 100;
  return last === 1 && lastTwo !== 11 ? forms[0] : last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? forms[1] : forms[2];
}

/** A whole number in [min, max]. */
export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** True with probability `p`. */
export function chance(random: () => number, p: number): boolean {
  return random() < p;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A round amount: `value` rounded down to a multiple of `step`, at least one step. */
export function roundDown(value: number, step: number): number {
  return Math.max(step, Math.floor(value / step) * step);
}
