// Offset pagination for list endpoints that return {total, limit, offset}.
import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  /** What is being paged, for the navigation landmark's name (e.g. "Users"). */
  label: string;
  /** The server stopped counting: at least `total` match (shown as "1000+"). */
  totalIsLowerBound?: boolean;
}

export function Pager({ total, limit, offset, onChange, label, totalIsLowerBound = false }: PagerProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const controlLabels = {
    first: t('common.firstPage'),
    previous: t('common.previousPage'),
    next: t('common.nextPage'),
    last: t('common.lastPage'),
  };
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm">{t('common.shown', { from, to, total: totalIsLowerBound ? `${total}+` : total })}</Text>
      {pages > 1 && (
        <nav aria-label={t('common.pagination', { name: label })}>
          <Pagination
            total={pages}
            value={page}
            onChange={(next) => onChange((next - 1) * limit)}
            // The arrow controls are icon-only, so they need names of their own.
            getControlProps={(control) => ({ 'aria-label': controlLabels[control] })}
            getItemProps={(item) => ({
              'aria-label': t('common.page', { page: item }),
              'aria-current': item === page ? 'page' : undefined,
            })}
          />
        </nav>
      )}
    </Group>
  );
}
