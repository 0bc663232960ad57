// The public FAQ: each group under its own heading, each question a heading over its answer (rendered
// from Markdown and sanitized by the server), all open, so the page reads and searches as one text.
import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { TitledSection } from '../../components/TitledSection';
import { faqAnswerHtml, faqGroup, faqQuestion, PUBLIC_FAQ_KEY } from '../../portal';
import { RenderedText } from './RenderedText';

export function FaqPage() {
  const { t } = useTranslation();
  const faq = useQuery({ queryKey: PUBLIC_FAQ_KEY, queryFn: api.publicFaq });
  const title = t('portal.faq.title');
  return (
    <Stack gap="lg">
      <PageHeading documentTitle={title} description={t('portal.meta.faq')}>
        {title}
      </PageHeading>
      {faq.isPending ? (
        <Loading />
      ) : faq.isError ? (
        <ErrorAlert error={faq.error} onRetry={() => void faq.refetch()} />
      ) : faq.data.groups.length === 0 ? (
        <Text>{t('portal.faq.none')}</Text>
      ) : (
        faq.data.groups.map((group) => (
          <TitledSection key={group.groupKey} id={`faq-group-${group.groupKey}`} title={faqGroup(group)} testId="faq-group">
            {group.items.map((item) => (
              <Stack key={item.id} component="section" aria-labelledby={`faq-${item.id}`} gap={6} data-testid="faq-item">
                <Title order={3} size="h4" id={`faq-${item.id}`}>
                  {faqQuestion(item)}
                </Title>
                <RenderedText html={faqAnswerHtml(item)} />
              </Stack>
            ))}
          </TitledSection>
        ))
      )}
    </Stack>
  );
}
