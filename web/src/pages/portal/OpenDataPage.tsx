// The open data catalogue: every dataset the platform publishes, with its formats, the schema that
// describes it, the licence and when it last changed. Links go straight to the files.
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type OpenDataset } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { inLanguage } from '../../events';
import { formatDateTime } from '../../format';

/** A format's link text: "JSON", or "Atom (UA)" where a dataset has a feed per language. */
function formatLabel(format: OpenDataset['formats'][number]): string {
  const language = /news-(uk|en)\./.exec(format.url)?.[1];
  return language ? `${format.format} (${language === 'uk' ? 'UA' : 'EN'})` : format.format;
}

export function OpenDataPage() {
  const { t } = useTranslation();
  const catalogue = useQuery({ queryKey: ['public', 'open-data'], queryFn: api.openDataCatalogue });
  const title = t('portal.openData.title');
  return (
    <Stack>
      <PageHeading documentTitle={title} description={t('portal.meta.openData')}>
        {title}
      </PageHeading>
      <Text maw={760}>{t('portal.openData.intro')}</Text>
      {catalogue.isPending ? (
        <Loading />
      ) : catalogue.isError ? (
        <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <>
          <Text maw={760} data-testid="open-data-licence">
            {t('portal.openData.licence')}{' '}
            <Anchor href={catalogue.data.licence.url} rel="license">
              {catalogue.data.licence.name}
            </Anchor>
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="datasets">
            {catalogue.data.datasets.map((dataset) => {
              const name = inLanguage(dataset.titleUk, dataset.titleEn);
              return (
                <Card key={dataset.id} withBorder padding="lg" component="article" aria-labelledby={`dataset-${dataset.id}`} data-testid="dataset">
                  <Stack gap="sm">
                    <Title order={2} size="h3" id={`dataset-${dataset.id}`}>
                      {name}
                    </Title>
                    <Text size="sm">{inLanguage(dataset.descriptionUk, dataset.descriptionEn)}</Text>
                    <Stack component="dl" gap="xs" m={0}>
                      <Fact label={t('portal.openData.formats')}>
                        <Group component="span" gap="sm" wrap="wrap">
                          {dataset.formats.map((format) => (
                            <Anchor key={format.url} href={format.url} type={format.mediaType} aria-label={t('portal.openData.formatOf', { format: formatLabel(format), name })}>
                              {formatLabel(format)}
                            </Anchor>
                          ))}
                        </Group>
                      </Fact>
                      <Fact label={t('portal.openData.schema')}>
                        <Anchor href={dataset.schemaUrl} aria-label={t('portal.openData.schemaOf', { name })}>
                          {dataset.schemaUrl.startsWith('/') ? t('portal.openData.openApi') : new URL(dataset.schemaUrl).hostname}
                        </Anchor>
                      </Fact>
                      <Fact label={t('portal.openData.licenceLabel')}>
                        <Anchor href={dataset.licenceUrl} rel="license">
                          {dataset.licenceUrl === catalogue.data.licence.url ? catalogue.data.licence.name : dataset.licenceUrl}
                        </Anchor>
                      </Fact>
                      <Fact label={t('portal.openData.updated')}>{dataset.updatedAt ? formatDateTime(dataset.updatedAt) : t('portal.openData.neverChanged')}</Fact>
                    </Stack>
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
