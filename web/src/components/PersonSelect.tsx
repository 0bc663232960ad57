// Person picker backed by the server-side search of /api/v1/people (names in any script); staff see
// everyone, a company user the people linked to its organizations.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Person } from '../api';

interface PersonSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (value: string | null) => void;
}

function label(person: Person): string {
  // Show every spelling, so "Олена Коваленко / Olena Kovalenko" can be told apart from a namesake.
  const names = [...new Set(person.names.map((n) => n.fullName))].join(' / ');
  return person.birthDate ? `${names} (${person.birthDate})` : names;
}

export function PersonSelect({ value, onChange, ...props }: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [selectedLabel, setSelectedLabel] = useState<string | null>(null);
  const [query] = useDebouncedValue(search, 250);
  // While the box shows the chosen person, list everyone rather than just that one match.
  const q = query === selectedLabel ? '' : query;
  const people = useQuery({
    queryKey: ['people', 'options', q],
    queryFn: () => api.listPeople({ q, limit: 50, offset: 0 }),
    placeholderData: keepPreviousData,
  });
  const options = (people.data?.items ?? []).map((person) => ({ value: person.id, label: label(person) }));
  return (
    <Select
      {...props}
      data={options}
      value={value}
      onChange={(next, option) => {
        setSelectedLabel(option?.label ?? null);
        onChange(next);
      }}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={people.isFetching ? t('common.loading') : t('common.empty')}
      clearButtonProps={{ 'aria-label': t('common.reset') }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
