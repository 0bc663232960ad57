// A new person's details: names in as many scripts as they have (Cyrillic and Latin spellings of one
// name are how screening matches them), date of birth and nationalities. A controlled group of
// inputs, so both the officer and the owner dialogs can hold it in their own state.
import { Button, Fieldset, Group, MultiSelect, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NAME_SCRIPTS, type NameScript, type NewPerson } from '../api';
import { countryOptions } from '../countries';

export interface PersonFormValues {
  names: { fullName: string; script: NameScript }[];
  birthDate: string;
  nationalities: string[];
}

export function emptyPerson(): PersonFormValues {
  return { names: [{ fullName: '', script: 'Cyrl' }, { fullName: '', script: 'Latn' }], birthDate: '', nationalities: [] };
}

export function toNewPerson(values: PersonFormValues): NewPerson {
  return {
    names: values.names.filter((n) => n.fullName.trim()).map((n) => ({ fullName: n.fullName.trim(), script: n.script })),
    birthDate: values.birthDate || null,
    nationalities: values.nationalities,
  };
}

/** Client-side checks: at least one name; keyed like the server's paths (`names.0.fullName`). */
export function validatePerson(values: PersonFormValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.names.some((n) => n.fullName.trim())) errors['names.0.fullName'] = t('validation.atLeastOneName');
  return errors;
}

interface PersonFieldsProps {
  value: PersonFormValues;
  onChange: (value: PersonFormValues) => void;
  /** Errors by path inside the person (`names.1.fullName`, `birthDate`…). */
  errors: Record<string, string>;
  legend: string;
}

export function PersonFields({ value, onChange, errors, legend }: PersonFieldsProps) {
  const { t, i18n } = useTranslation();
  const countries = useMemo(() => countryOptions(), [i18n.resolvedLanguage]);
  const setName = (index: number, patch: Partial<PersonFormValues['names'][number]>) =>
    onChange({ ...value, names: value.names.map((n, i) => (i === index ? { ...n, ...patch } : n)) });
  const nameError = (index: number) => errors[`names.${index}.fullName`] ?? errors[`names.${index}`];
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        <Text size="sm">{t('personForm.namesHelp')}</Text>
        {errors.names && (
          <Text size="sm" c="red.8" role="alert">
            {errors.names}
          </Text>
        )}
        {value.names.map((name, index) => (
          <Group key={index} align="flex-start" wrap="wrap" gap="sm">
            <TextInput
              label={t('personForm.fullName', { n: index + 1 })}
              maxLength={300}
              style={{ flex: '1 1 220px' }}
              value={name.fullName}
              onChange={(event) => setName(index, { fullName: event.currentTarget.value })}
              error={nameError(index)}
              data-testid={`person-name-${index}`}
            />
            <NativeSelect
              label={t('personForm.script', { n: index + 1 })}
              data={NAME_SCRIPTS.map((script) => ({ value: script, label: t(`script.${script}`) }))}
              value={name.script}
              onChange={(event) => setName(index, { script: event.currentTarget.value as NameScript })}
              style={{ flex: '0 1 180px' }}
            />
            {value.names.length > 1 && (
              <Button
                variant="default"
                mt={25}
                aria-label={t('personForm.removeName', { n: index + 1 })}
                onClick={() => onChange({ ...value, names: value.names.filter((_, i) => i !== index) })}
              >
                {t('common.remove')}
              </Button>
            )}
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            disabled={value.names.length >= 10}
            onClick={() => onChange({ ...value, names: [...value.names, { fullName: '', script: 'Latn' }] })}
          >
            {t('personForm.addName')}
          </Button>
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('personForm.birthDate')}
            type="date"
            min="1900-01-01"
            max="2100-12-31"
            value={value.birthDate}
            onChange={(event) => onChange({ ...value, birthDate: event.currentTarget.value })}
            error={errors.birthDate}
          />
          <MultiSelect
            label={t('personForm.nationalities')}
            searchable
            maxValues={5}
            data={countries}
            value={value.nationalities}
            onChange={(nationalities) => onChange({ ...value, nationalities })}
            error={errors.nationalities}
            comboboxProps={{ withinPortal: true }}
            nothingFoundMessage={t('common.empty')}
          />
        </Group>
      </Stack>
    </Fieldset>
  );
}
