// What the fund's pages share: the chart of accounts (one fetch per visit), names in the interface
// language, earmark and purpose wording, and the check of an amount typed in major units.
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import type { TFunction } from 'i18next';
import { api, newIdempotencyKey, type Capability, type LedgerAccount, type Purpose } from './api';
import { capabilityNames } from './capabilities';
import { currentLanguage } from './i18n';
import { minorDigits, parseMajorAmount, type AmountLanguage } from './money';

/** Query keys of the fund: everything under `fund` is refreshed after a booking. */
export const FUND_KEY = ['fund'] as const;
export const ACCOUNTS_KEY = ['fund', 'accounts'] as const;

/** The ledger's accounts with their balances (the chart is small: one page of 200 holds it). */
export function useLedgerAccounts() {
  return useQuery({ queryKey: ACCOUNTS_KEY, queryFn: () => api.listLedgerAccounts({ limit: 200, offset: 0 }) });
}

/** An account's name in the interface language. */
export function accountName(account: Pick<LedgerAccount, 'nameUk' | 'nameEn'>): string {
  return currentLanguage() === 'uk' ? account.nameUk : account.nameEn;
}

/** "1000.UAH.fund — Fund bank account (UAH)", for selects. */
export function accountOption(account: LedgerAccount): { value: string; label: string } {
  return { value: account.code, label: `${account.code} — ${accountName(account)}` };
}

/** What an earmark restricts money to, in words ("Capability: FPV drones", "Program: P-2026-1"). */
export function earmarkText(
  t: TFunction,
  earmark: { type: string; code: string | null } | null | undefined,
  capabilities: Capability[] | undefined,
): string {
  if (!earmark || earmark.type === 'none' || !earmark.code) return t('fund.earmark.none');
  if (earmark.type === 'capability') return t('fund.earmark.capability', { name: capabilityNames(capabilities, [earmark.code])[0] });
  return t('fund.earmark.program', { code: earmark.code });
}

/** What an entry pays for, in words; empty when it states nothing. */
export function purposeText(t: TFunction, purpose: Purpose | null | undefined, capabilities: Capability[] | undefined): string {
  if (!purpose) return '';
  const parts: string[] = [];
  if (purpose.program) parts.push(t('fund.earmark.program', { code: purpose.program }));
  if (purpose.capability) parts.push(t('fund.earmark.capability', { name: capabilityNames(capabilities, [purpose.capability])[0] }));
  return parts.join('; ');
}

/** The interface language as the amount parser knows it. */
export function amountLanguage(): AmountLanguage {
  return currentLanguage() === 'en' ? 'en' : 'uk';
}

/** Why a typed amount cannot be sent (`null` when it can): empty, not a number, too precise, too large, or zero. */
export function amountError(t: TFunction, text: string, currency: string): string | null {
  if (!text.trim()) return t('validation.required');
  if (!currency) return t('validation.currencyRequired');
  const parsed = parseMajorAmount(text, currency, amountLanguage());
  if (parsed.ok) return parsed.minor > 0 ? null : t('fund.validation.positive');
  if (parsed.reason === 'precision') return t('validation.amountPrecision', { digits: minorDigits(currency) });
  if (parsed.reason === 'range') return t('validation.amountRange');
  return t('validation.amountFormat');
}

/** The minor units of an amount `amountError` accepted. */
export function toMinor(text: string, currency: string): number {
  const parsed = parseMajorAmount(text, currency, amountLanguage());
  if (!parsed.ok) throw new Error('amount not checked');
  return parsed.minor;
}

/** Today as YYYY-MM-DD in the local calendar (what a date input shows). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An Idempotency-Key per distinct request: sending the same body again (the answer was lost, the
 * button pressed twice) reuses the key, so the server books once; a changed body gets a new key.
 */
export function useIdempotencyKeys(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
    return last.current.key;
  };
}
