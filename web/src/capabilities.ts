// The capability taxonomy from the server, named in the interface language.
import { useQuery } from '@tanstack/react-query';
import { api, type Capability } from './api';
import { currentLanguage } from './i18n';

/** The taxonomy; it changes rarely, so one fetch serves the whole visit. */
export function useCapabilities() {
  return useQuery({
    queryKey: ['capabilities'],
    queryFn: async () => (await api.listCapabilities()).items,
    staleTime: 60 * 60_000,
  });
}

/** A capability's name in the interface language (the code when unknown). */
export function capabilityLabel(capability: Pick<Capability, 'nameUk' | 'nameEn'>): string {
  return currentLanguage() === 'uk' ? capability.nameUk : capability.nameEn;
}

/** Options for a select: sub-categories indented under their parent ("— Strike UAVs"). */
export function capabilityOptions(items: Capability[]): { value: string; label: string }[] {
  return items.map((c) => ({ value: c.code, label: c.parentCode ? `— ${capabilityLabel(c)}` : capabilityLabel(c) }));
}

/** Names for codes, in the interface language. */
export function capabilityNames(items: Capability[] | undefined, codes: readonly string[]): string[] {
  const byCode = new Map((items ?? []).map((c) => [c.code, c]));
  return codes.map((code) => {
    const found = byCode.get(code);
    return found ? capabilityLabel(found) : code;
  });
}
