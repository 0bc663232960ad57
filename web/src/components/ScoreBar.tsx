// A match score as a percentage in words and a bar beside it; the bar only repeats the number, so
// assistive technology hears the number once.
import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../screening';

export function ScoreBar({ score, width = 90 }: { score: number; width?: number }) {
  const { t } = useTranslation();
  const percent = formatPercent(score);
  return (
    <Group gap={8} wrap="nowrap" data-testid="score" data-score={score}>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        <span className="visually-hidden">{t('screening.score')}: </span>
        {percent}
      </Text>
      <Progress value={Math.round(score * 100)} w={width} size="md" color={score >= 0.9 ? 'red.8' : score >= 0.8 ? 'orange.8' : 'yellow.8'} aria-hidden="true" />
    </Group>
  );
}
