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

/** Options for a select, parents before their children, each level indented ("— — Artillery shells 155 mm"); archived categories left out. */
export function capabilityOptions(items: Capability[]): { value: string; label: string }[] {
  const children = new Map<string | null, Capability[]>();
  for (const item of items) if (!item.archived) children.set(item.parentCode, [...(children.get(item.parentCode) ?? []), item]);
  const options: { value: string; label: string }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      options.push({ value: item.code, label: `${'— '.repeat(depth)}${capabilityLabel(item)}` });
      walk(item.code, depth + 1);
    }
  };
  walk(null, 0);
  return options;
}

/** Names for codes, in the interface language. */
export function capabilityNames(items: Capability[] | undefined, codes: readonly string[]): string[] {
  const byCode = new Map((items ?? []).map((c) => [c.code, c]));
  return codes.map((code) => {
    const found = byCode.get(code);
    return found ? capabilityLabel(found) : code;
  });
}
