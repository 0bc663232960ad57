/**
 * Birth dates as lists write them → ISO 8601 partial dates (YYYY, YYYY-MM, YYYY-MM-DD).
 *
 * Approximate dates ("circa 1960", UN "APPROXIMATELY") keep only the year, and ranges ("1960 to
 * 1962", UN "BETWEEN") become every year in the range: the engine compares partial dates by their
 * precision, so a year is the honest strength of such evidence.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

/** A range wider than this is not a birth date but a data error; only its ends are kept. */
const MAX_RANGE_YEARS = 20;

const pad = (n: number): string => String(n).padStart(2, '0');

/** True for YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date between 1800 and 2100. */
export function isPartialDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1800 || year > 2100) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  // Day 0 of the next month is the last day of this one.
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every year from one to the other (both ends if the range is implausibly wide). */
export function yearsBetween(from: number, to: number): string[] {
  if (to < from || to - from > MAX_RANGE_YEARS) return [...new Set([String(from), String(to)])];
  const years: string[] = [];
  for (let year = from; year <= to; year++) years.push(String(year));
  return years;
}

/** One date in OFAC's form: "12 Jan 1960", "Jan 1960" or "1960" → ISO partial date. */
function parseOfacSingleDate(text: string): string | undefined {
  const parts = text.trim().split(/\s+/);
  let iso: string | undefined;
  if (parts.length === 1) iso = parts[0];
  else if (parts.length === 2 && MONTHS[parts[0]!.toLowerCase()]) iso = `${parts[1]}-${pad(MONTHS[parts[0]!.toLowerCase()]!)}`;
  else if (parts.length === 3 && MONTHS[parts[1]!.toLowerCase()]) iso = `${parts[2]}-${pad(MONTHS[parts[1]!.toLowerCase()]!)}-${parts[0]!.padStart(2, '0')}`;
  return iso !== undefined && isPartialDate(iso) ? iso : undefined;
}

/**
 * The birth dates an OFAC "DOB …" remark names: "12 Jan 1960", "Jan 1960", "1960", "circa 1960",
 * "1960 to 1962", "01 Jan 1961 to 31 Dec 1963", "circa 1979-1982". Undefined if the form is unknown.
 */
export function parseOfacBirthDate(text: string): string[] | undefined {
  let rest = text.trim().replace(/\.$/, '');
  const approximate = /^circa\s+/i.test(rest);
  if (approximate) rest = rest.replace(/^circa\s+/i, '');
  const range = /^(.+?)\s+to\s+(.+)$/i.exec(rest) ?? /^(\d{4})\s*-\s*(\d{4})$/.exec(rest);
  if (range) {
    const from = parseOfacSingleDate(range[1]!);
    const to = parseOfacSingleDate(range[2]!);
    if (!from || !to) return undefined;
    return yearsBetween(Number(from.slice(0, 4)), Number(to.slice(0, 4)));
  }
  const date = parseOfacSingleDate(rest);
  if (!date) return undefined;
  return [approximate ? date.slice(0, 4) : date];
}

/** A month and year written out ("Nov. 1973", "August 1961") → YYYY-MM, as in UN date notes. */
export function parseMonthYear(text: string): string | undefined {
  const match = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(text.trim());
  const month = match ? MONTHS[match[1]!.toLowerCase()] : undefined;
  if (!match || !month) return undefined;
  const iso = `${match[2]}-${pad(month)}`;
  return isPartialDate(iso) ? iso : undefined;
}
