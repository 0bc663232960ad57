// The status history of a regime application or resident, newest first, with each step's reason.
import { Card, Text, Timeline, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RegimeTransition } from '../api';
import { formatDateTime } from '../format';

interface RegimeHistoryProps {
  transitions: RegimeTransition[];
  /** The translated name of a status of the record. */
  statusLabel: (status: string) => string;
}

export function RegimeHistory({ transitions, statusLabel }: RegimeHistoryProps) {
  const { t } = useTranslation();
  const steps = [...transitions].reverse();
  return (
    <Card withBorder component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading" mb="md">
        {t('regime.history.heading')}
      </Title>
      {steps.length === 0 ? (
        <Text size="sm">{t('common.empty')}</Text>
      ) : (
        <Timeline active={steps.length} bulletSize={18} lineWidth={2} data-testid="history">
          {steps.map((step) => (
            <Timeline.Item
              key={step.id}
              title={step.from ? t('regime.history.step', { from: statusLabel(step.from), to: statusLabel(step.to) }) : t('regime.history.created', { status: statusLabel(step.to) })}
            >
              <Text size="sm">
                {formatDateTime(step.occurredAt)} · {actorLabel(step.actorLabel, t)}
              </Text>
              {step.reason && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  <Text span fw={600}>
                    {t('regime.history.reason')}:{' '}
                  </Text>
                  {step.reason}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}

/** The server names automatic steps "system" and hides staff from companies as "ADI staff". */
function actorLabel(label: string, t: TFunction): string {
  if (label === 'system') return t('application.actorSystem');
  if (label === 'ADI staff') return t('application.actorStaff');
  return label;
}
