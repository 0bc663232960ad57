// The criteria a refused grant names (409 problem+json): the server lists them under `failing`
// (keys, or results with labels); shown so the officer sees why without reading the table again.
import { isApiError, type Bilingual } from '../../api';
import { bilingual } from '../../regime';

function describe(item: unknown): string | null {
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object') {
    const record = item as { key?: unknown; label?: unknown; expected?: unknown; actual?: unknown };
    const label =
      record.label && typeof record.label === 'object' ? bilingual(record.label as Bilingual) : typeof record.key === 'string' ? record.key : null;
    if (!label) return null;
    const values = [record.expected, record.actual].every((v) => typeof v === 'string' || v === null) && typeof record.expected === 'string';
    return values ? `${label} (${String(record.expected)}${record.actual ? `; ${String(record.actual)}` : ''})` : label;
  }
  return null;
}

/** What a 409 says failed, in words; empty when the error names no criteria. */
export function failingCriteria(error: unknown): string[] {
  if (!isApiError(error) || error.status !== 409) return [];
  for (const name of ['failing', 'failed', 'criteria']) {
    const value = error.extra[name];
    if (Array.isArray(value)) return value.map(describe).filter((v): v is string => v !== null);
  }
  const evaluation = error.extra.evaluation as { criteria?: { outcome?: string }[] } | undefined;
  if (evaluation && Array.isArray(evaluation.criteria)) {
    return evaluation.criteria.filter((c) => c.outcome !== 'pass').map(describe).filter((v): v is string => v !== null);
  }
  return [];
}
