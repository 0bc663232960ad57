// A period as two selects: the year, and the quarter or the whole year. With `anyLabel` the year may
// also be left open (a filter for any period).
import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QUARTERS, periodOf, periodYears, splitPeriod } from '../localization';

interface PeriodPickerProps {
  /** A year (2027), a quarter (2027-Q1), or '' for any period. */
  value: string;
  onChange: (period: string) => void;
  /** Names the pair of selects for assistive technology ("Period of the need"). */
  legend: string;
  /** Offers "any period" (an empty value) under this label. */
  anyLabel?: string;
  error?: string;
  testId?: string;
}

export function PeriodPicker({ value, onChange, legend, anyLabel, error, testId = 'period' }: PeriodPickerProps) {
  const { t } = useTranslation();
  const { year, quarter } = splitPeriod(value);
  return (
    <Group role="group" aria-label={legend} align="flex-start" gap="sm" wrap="nowrap">
      <NativeSelect
        label={t('localization.period.year')}
        data={[...(anyLabel ? [{ value: '', label: anyLabel }] : []), ...periodYears().map((y) => ({ value: y, label: y }))]}
        value={year}
        onChange={(event) => onChange(event.currentTarget.value ? periodOf(event.currentTarget.value, quarter) : '')}
        error={error}
        data-testid={`${testId}-year`}
      />
      <NativeSelect
        label={t('localization.period.quarter')}
        data={[{ value: '', label: t('localization.period.wholeYear') }, ...QUARTERS.map((q) => ({ value: q, label: q }))]}
        value={quarter}
        disabled={!year}
        onChange={(event) => onChange(periodOf(year, event.currentTarget.value))}
        data-testid={`${testId}-quarter`}
      />
    </Group>
  );
}
