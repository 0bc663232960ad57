// A search filter by one capability category ('' for any), searchable, the taxonomy in order with
// each level indented; a category also finds its sub-categories where the API says so.
import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capabilityOptions, useCapabilities } from '../capabilities';

interface CapabilityFilterProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

export function CapabilityFilter({ value, onChange, ...props }: CapabilityFilterProps) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  return (
    <Select
      searchable
      data={[{ value: '', label: t('organizations.anyCapability') }, ...capabilityOptions(capabilities.data ?? [])]}
      value={value}
      onChange={(next) => onChange(next ?? '')}
      comboboxProps={{ withinPortal: true }}
      nothingFoundMessage={t('common.empty')}
      {...props}
    />
  );
}
