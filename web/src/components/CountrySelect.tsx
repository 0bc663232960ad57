// Country picker: ISO 3166-1 alpha-2 codes named in the interface language, searchable by name or code.
import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../countries';

interface CountrySelectProps extends Omit<SelectProps, 'data'> {
  /** An extra first option meaning "any country" (filters), with this label. */
  anyLabel?: string;
}

export function CountrySelect({ anyLabel, ...props }: CountrySelectProps) {
  const { t, i18n } = useTranslation();
  // Re-sorted when the language changes: names and their order differ between languages.
  const data = useMemo(() => countryOptions(), [i18n.resolvedLanguage]);
  return (
    <Select
      searchable
      data={anyLabel ? [{ value: '', label: anyLabel }, ...data] : data}
      nothingFoundMessage={t('common.empty')}
      comboboxProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': t('common.reset') }}
      {...props}
    />
  );
}
