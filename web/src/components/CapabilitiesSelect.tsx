// Multi-select of capability categories from the taxonomy, named in the interface language.
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capabilityOptions, useCapabilities } from '../capabilities';

export function CapabilitiesSelect(props: Omit<MultiSelectProps, 'data'>) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  return (
    <MultiSelect
      searchable
      data={capabilityOptions(capabilities.data ?? [])}
      nothingFoundMessage={capabilities.isPending ? t('common.loading') : t('common.empty')}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
