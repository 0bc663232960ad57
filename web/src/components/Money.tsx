// An exact money figure in the interface language, with digits lined up in table columns.
import { currentLanguage } from '../i18n';
import { formatMoney } from '../money';

export const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
/** The header of a column of figures: right-aligned like them, but free to wrap. */
export const NUMERIC_HEADER = { textAlign: 'right' } as const;

export function Money({ minor, currency }: { minor: number; currency: string }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatMoney(minor, currency, currentLanguage())}</span>;
}
