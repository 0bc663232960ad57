// The figures of a chart as a table, folded away under the chart (the chart's accessible version).
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `className` adds to `chart-data` (a page's tests may look for its own). */
export function ChartData({ children, className }: { children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <details className={className ? `chart-data ${className}` : 'chart-data'}>
      <summary>
        <Text span size="sm" fw={600}>
          {t('sankey.showTable')}
        </Text>
      </summary>
      {children}
    </details>
  );
}
