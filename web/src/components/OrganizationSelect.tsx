// Organization picker backed by the server-side directory search (/api/v1/organizations/directory),
// so it keeps working when there are more organizations than one page holds.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

interface OrganizationSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value?: string | null;
  onChange: (value: string | null) => void;
  /** The currently linked organization, so its name shows before any search has run. */
  current?: { id: string; name: string } | null;
}

export function OrganizationSelect({ value, onChange, current, ...props }: OrganizationSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const selectedName = current && current.id === value ? current.name : undefined;
  // While the box shows the selected name, list everything rather than just that one match.
  const q = query === selectedName ? '' : query;
  const organizations = useQuery({
    queryKey: ['organizations', 'directory', q],
    queryFn: () => api.organizationDirectory({ q, limit: 50, offset: 0 }),
    placeholderData: keepPreviousData,
  });

  const options = (organizations.data?.items ?? []).map((org) => ({ value: org.id, label: `${org.name} (${org.country})` }));
  if (current && !options.some((option) => option.value === current.id)) {
    options.unshift({ value: current.id, label: current.name });
  }

  return (
    <Select
      {...props}
      data={options}
      value={value ?? null}
      onChange={(next) => onChange(next)}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search text.
      filter={({ options: all }) => all}
      nothingFoundMessage={organizations.isFetching ? t('common.loading') : t('common.empty')}
      placeholder={props.placeholder ?? t('users.form.organizationPlaceholder')}
      clearButtonProps={{ 'aria-label': t('common.reset') }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
