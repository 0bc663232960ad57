// A name check against the current sanctions lists: a name in any script, optionally the record
// type, a date of birth and a country, and the score threshold. The matching entries come back best
// first, each with its score (a percentage and a bar), the name that matched, its programs and list,
// and, on request, the evidence behind the score. Nothing is recorded: cases come from screening.
import { Anchor, Button, Card, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, MATCH_SCHEMAS, type MatchQuery, type MatchResponse, type MatchSchema } from '../../api';
import { CountrySelect } from '../../components/CountrySelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EvidenceTable } from '../../components/EvidenceTable';
import { PageHeading } from '../../components/PageHeading';
import { ScoreBar } from '../../components/ScoreBar';
import { ScreeningNav } from '../../components/ScreeningNav';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { PARTIAL_DATE, schemaName } from '../../screening';
import { canImportLists, useMe } from '../../session';

const QUERY_KEY = 'q';
const DEFAULT_THRESHOLD = 0.7;
const RESULT_LIMIT = 25;

interface Values {
  name: string;
  schema: MatchSchema | '';
  birthDate: string;
  country: string | null;
  threshold: number | string;
}

export function MatchPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [values, setValues] = useState<Values>({ name: '', schema: '', birthDate: '', country: null, threshold: DEFAULT_THRESHOLD });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [asked, setAsked] = useState<string>('');

  const check = useMutation({
    mutationFn: (input: { query: MatchQuery; threshold: number }) =>
      api.screenNames({ queries: { [QUERY_KEY]: input.query }, threshold: input.threshold, limit: RESULT_LIMIT }),
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  // Server-side field errors arrive as `queries.q.name` and the like.
  const { byField, other } = splitFieldErrors(check.error, ['name', 'schema', 'birthDate', 'country', 'threshold'], { prefix: `queries.${QUERY_KEY}` });
  const serverThreshold = splitFieldErrors(check.error, ['threshold']).byField.threshold;
  const title = t('screening.match.title');

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ScreeningNav />
      <Text maw={760}>{t('screening.match.intro')}</Text>

      <Card withBorder component="section" aria-labelledby="match-form-heading">
        <form
          noValidate
          aria-labelledby="match-form-heading"
          onSubmit={(event) => {
            event.preventDefault();
            const next: typeof errors = {};
            const name = values.name.trim();
            const birthDate = values.birthDate.trim();
            const threshold = typeof values.threshold === 'number' ? values.threshold : Number.NaN;
            if (!name) next.name = t('validation.required');
            if (birthDate && !PARTIAL_DATE.test(birthDate)) next.birthDate = t('screening.match.birthDateInvalid');
            if (!(threshold >= 0 && threshold <= 1)) next.threshold = t('screening.match.thresholdInvalid');
            setErrors(next);
            if (Object.keys(next).length > 0) return;
            setAsked(name);
            check.mutate({
              query: {
                name,
                ...(values.schema ? { schema: values.schema } : {}),
                ...(birthDate ? { birthDate } : {}),
                ...(values.country ? { country: values.country } : {}),
              },
              threshold,
            });
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h4" id="match-form-heading">
              {t('screening.match.formHeading')}
            </Title>
            {check.error && <ErrorAlert error={check.error} fieldErrors={other.filter((e) => !/threshold$/.test(e.field))} />}
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <TextInput
                label={t('screening.match.name')}
                description={t('screening.match.nameHelp')}
                required
                maxLength={1000}
                autoComplete="off"
                value={values.name}
                onChange={(event) => set('name', event.currentTarget.value)}
                error={errors.name ?? byField.name}
                data-testid="match-name"
              />
              <NativeSelect
                label={t('screening.match.schema')}
                data={[{ value: '', label: t('screening.match.anySchema') }, ...MATCH_SCHEMAS.map((s) => ({ value: s, label: schemaName(t, s) }))]}
                value={values.schema}
                onChange={(event) => set('schema', event.currentTarget.value as MatchSchema | '')}
                error={byField.schema}
                data-testid="match-schema"
              />
              <TextInput
                label={t('screening.match.birthDate')}
                description={t('screening.match.birthDateHelp')}
                maxLength={10}
                autoComplete="off"
                inputMode="numeric"
                value={values.birthDate}
                onChange={(event) => set('birthDate', event.currentTarget.value)}
                error={errors.birthDate ?? byField.birthDate}
                data-testid="match-birth-date"
              />
              <CountrySelect
                label={t('screening.match.country')}
                placeholder={t('screening.match.anyCountry')}
                clearable
                value={values.country}
                onChange={(value) => set('country', value)}
                error={byField.country}
                data-testid="match-country"
              />
              <NumberInput
                label={t('screening.match.threshold')}
                description={t('screening.match.thresholdHelp')}
                min={0}
                max={1}
                step={0.05}
                decimalScale={2}
                fixedDecimalScale
                // Written as the interface language writes decimals (0,70 in Ukrainian).
                decimalSeparator={i18n.resolvedLanguage === 'en' ? '.' : ','}
                clampBehavior="strict"
                value={values.threshold}
                onChange={(value) => set('threshold', value)}
                error={errors.threshold ?? serverThreshold}
                data-testid="match-threshold"
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={check.isPending} data-testid="match-submit">
                {t('screening.match.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      {check.data && <Results response={check.data} name={asked} canImport={me ? canImportLists(me.user) : false} />}
    </Stack>
  );
}

function Results({ response, name, canImport }: { response: MatchResponse; name: string; canImport: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const results = response.responses[QUERY_KEY]?.results ?? [];
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const caption = t('screening.match.caption', { name });

  return (
    <Stack component="section" aria-labelledby="match-results-heading" gap="sm">
      <Title order={2} size="h3" id="match-results-heading">
        {t('screening.match.resultsHeading')}
      </Title>
      {response.lists.length === 0 ? (
        <Text data-testid="match-no-lists">
          {t('screening.match.noLists')}{' '}
          {canImport && (
            <Anchor component={Link} to="/app/screening/lists">
              {t('screening.lists.importHeading')}
            </Anchor>
          )}
        </Text>
      ) : (
        <Text size="sm">
          {t('screening.match.listsSearched', { lists: response.lists.map((l) => `${l.source} (${formatDateTime(l.importedAt)})`).join(', ') })}
        </Text>
      )}
      {response.lists.length > 0 && (
        <TableFrame label={caption}>
          <Table captionSide="top" verticalSpacing="sm" miw={900} data-testid="match-results" withRowBorders>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('screening.match.entity')}</Table.Th>
                <Table.Th scope="col">{t('screening.score')}</Table.Th>
                <Table.Th scope="col">{t('screening.match.matchedName')}</Table.Th>
                <Table.Th scope="col">{t('screening.match.programs')}</Table.Th>
                <Table.Th scope="col">{t('screening.match.source')}</Table.Th>
                <Table.Th scope="col">{t('screening.match.evidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>{t('screening.match.noResults')}</Table.Td>
                </Table.Tr>
              )}
              {results.map((result, index) => {
                const detailId = `match-evidence-${index}`;
                const expanded = open.has(result.id);
                return (
                  <Fragment key={result.id}>
                    <Table.Tr data-testid="match-result" data-entity-id={result.id}>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm" fw={600}>
                          {result.caption}
                        </Text>
                        <Text size="xs">
                          {schemaName(t, result.schema)} · {result.id}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <ScoreBar score={result.score} />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>{result.matchedName}</Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>{result.programs.length ? result.programs.join(', ') : t('common.none')}</Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>{result.source}</Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-expanded={expanded}
                          aria-controls={detailId}
                          onClick={() => toggle(result.id)}
                          data-testid="show-evidence"
                        >
                          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>&nbsp;{t('screening.match.showEvidence')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr id={detailId}>
                        <Table.Td colSpan={6} bg="gray.0">
                          <EvidenceTable evidence={result.evidence} caption={t('screening.match.evidenceOf', { name: result.caption })} testId="match-evidence" />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </Stack>
  );
}
