// One screening case: our record and the listed entity side by side (the name that matched marked in
// both), the evidence behind the score, the organizations it concerns, and the decision. A compliance
// analyst confirms or dismisses an open case with a reason; the version read goes with the decision,
// so a case that changed meanwhile is refused (409) and shown as such.
import { Alert, Anchor, Button, Card, Group, List, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError, type CaseDecision, type ScreeningCase } from '../../api';
import { countryName } from '../../countries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EvidenceTable } from '../../components/EvidenceTable';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { ScoreBar } from '../../components/ScoreBar';
import { ScreeningNav } from '../../components/ScreeningNav';
import { CaseStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { splitFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { useIdempotencyKeys } from '../../fund';
import { caseKey, nameKindLabel, SCREENING_KEY, schemaName } from '../../screening';
import { canDecideCases, useMe } from '../../session';

/** The server's shortest reason. */
const MIN_REASON = 10;

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>(null);
  const screeningCase = useQuery({ queryKey: caseKey(id), queryFn: () => api.getScreeningCase(id) });

  if (!me) return null;
  if (screeningCase.isPending) return <Loading />;
  if (screeningCase.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('screening.case.title')}>{t('screening.case.title')}</PageHeading>
        <ScreeningNav />
        <ErrorAlert error={screeningCase.error} onRetry={() => void screeningCase.refetch()} />
      </Stack>
    );
  }
  const data = screeningCase.data;
  const analyst = canDecideCases(me.user);
  // Our name that the engine compared (the evidence's name row); the list's name is `matchedName`.
  const ourMatchedName = data.evidence.find((e) => e.feature === 'name')?.queryValue ?? null;

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('screening.case.title')}>{t('screening.case.heading', { name: data.subject.name })}</PageHeading>
        <Group gap="sm" mt={-8}>
          <CaseStatusBadge status={data.status} />
          <ScoreBar score={data.score} />
          <Text size="sm">{t('screening.case.openedAt', { date: formatDateTime(data.createdAt) })}</Text>
        </Group>
      </div>
      <ScreeningNav />

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      {data.reopenedBecause && (
        <Alert color="orange" variant="light" title={t('screening.case.reopenedTitle')} data-testid="reopened-because">
          <Text size="sm">{data.reopenedBecause}</Text>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="side-by-side">
        <SubjectCard data={data} matchedName={ourMatchedName} />
        <EntityCard data={data} />
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="evidence-heading">
        <Title order={2} size="h4" id="evidence-heading" mb="xs">
          {t('screening.case.evidenceHeading')}
        </Title>
        <Text size="sm" mb="sm">
          {t('screening.case.matchedName', { name: data.matchedName })}
        </Text>
        <EvidenceTable evidence={data.evidence} caption={t('screening.case.evidenceCaption')} testId="evidence" />
      </Card>

      <Card withBorder component="section" aria-labelledby="case-organizations-heading">
        <Title order={2} size="h4" id="case-organizations-heading" mb="xs">
          {t('screening.case.organizationsHeading')}
        </Title>
        {data.organizations.length === 0 ? (
          <Text size="sm">{t('screening.case.noOrganizations')}</Text>
        ) : (
          <List size="sm" data-testid="case-organizations">
            {data.organizations.map((organization) => (
              <List.Item key={organization.id}>
                <Anchor component={Link} to={`/app/organizations/${organization.id}`}>
                  {organization.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="decision-heading">
        <Title order={2} size="h4" id="decision-heading" mb="xs">
          {t('screening.case.decisionHeading')}
        </Title>
        {data.decision ? (
          <Stack gap={4} data-testid="decision">
            <Group gap="xs">
              <CaseStatusBadge status={data.status} />
              <Text size="sm">{t('screening.case.decidedBy', { by: data.decision.by, date: formatDateTime(data.decision.at) })}</Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {data.decision.reason}
            </Text>
          </Stack>
        ) : (
          <Text size="sm">{data.status === 'open' && !analyst ? `${t('screening.case.noDecision')} ${t('screening.case.onlyAnalysts')}` : t('screening.case.noDecision')}</Text>
        )}
        {analyst && data.allowedDecisions.length > 0 && (
          <DecisionForm
            data={data}
            onReload={() => void screeningCase.refetch()}
            onDecided={(next, decision) => {
              queryClient.setQueryData(caseKey(id), next);
              void queryClient.invalidateQueries({ queryKey: SCREENING_KEY });
              setNotice(t(`screening.case.done.${decision}`));
            }}
          />
        )}
      </Card>
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

/** A name, marked (and said to be) the one that matched. */
function Name({ value, matched, note }: { value: string; matched: boolean; note?: string }) {
  const { t } = useTranslation();
  const suffix = [note, matched ? t('screening.case.matched') : null].filter(Boolean).join(', ');
  return (
    <Text component="span" display="block" size="sm" data-matched={matched || undefined}>
      {matched ? <mark style={{ background: 'var(--mantine-color-yellow-2)', color: 'inherit', fontWeight: 700 }}>{value}</mark> : value}
      {suffix && ` (${suffix})`}
    </Text>
  );
}

function SubjectCard({ data, matchedName }: { data: ScreeningCase; matchedName: string | null }) {
  const { t } = useTranslation();
  const subject = data.subject;
  const none = t('common.none');
  return (
    <Card withBorder component="section" aria-labelledby="subject-heading" data-testid="subject">
      <Title order={2} size="h4" id="subject-heading" mb="xs">
        {t('screening.case.ourRecord')}
      </Title>
      <Text fw={600} mb="sm">
        {subject.type === 'organization' ? (
          <Anchor component={Link} to={`/app/organizations/${subject.id}`}>
            {subject.name}
          </Anchor>
        ) : (
          subject.name
        )}
      </Text>
      <Stack component="dl" gap="sm" m={0}>
        <Item label={t('screening.case.recordType')}>{t(`screening.subjectType.${subject.type}`)}</Item>
        <Item label={t('screening.case.role')}>{t(`screening.role.${subject.role}`)}</Item>
        <Item label={t('screening.case.names')}>
          {subject.names.map((name) => (
            <Name key={name} value={name} matched={name === matchedName} />
          ))}
        </Item>
        {subject.type === 'person' && <Item label={t('screening.case.birthDate')}>{subject.birthDate ?? none}</Item>}
        <Item label={t('screening.case.country')}>{subject.country ? `${countryName(subject.country)} (${subject.country})` : none}</Item>
        {subject.type === 'person' && (
          <Item label={t('screening.case.nationalities')}>
            {subject.nationalities.length ? subject.nationalities.map((c) => `${countryName(c)} (${c})`).join(', ') : none}
          </Item>
        )}
        <Item label={t('screening.case.identifiers')}>
          {subject.identifiers.length
            ? subject.identifiers.map((identifier) => (
                <Text key={`${identifier.scheme}:${identifier.value}`} component="span" display="block" size="sm">
                  {identifier.scheme} <Mono>{identifier.value}</Mono>
                </Text>
              ))
            : none}
        </Item>
      </Stack>
    </Card>
  );
}

function EntityCard({ data }: { data: ScreeningCase }) {
  const { t } = useTranslation();
  const entity = data.entity;
  const none = t('common.none');
  return (
    <Card withBorder component="section" aria-labelledby="entity-heading" data-testid="entity">
      <Title order={2} size="h4" id="entity-heading" mb="xs">
        {t('screening.case.listedEntity')}
      </Title>
      <Text fw={600} mb="sm">
        {entity.caption}
      </Text>
      <Stack component="dl" gap="sm" m={0}>
        <Item label={t('screening.case.list')}>
          {entity.source} · <Mono>{entity.id}</Mono>
        </Item>
        <Item label={t('screening.case.recordType')}>{schemaName(t, entity.schema)}</Item>
        <Item label={t('screening.case.names')}>
          {entity.names.map((name, index) => (
            <Name key={`${name.value}-${index}`} value={name.value} note={nameKindLabel(t, name.kind)} matched={name.value === data.matchedName} />
          ))}
        </Item>
        <Item label={t('screening.case.birthDates')}>{entity.birthDates.length ? entity.birthDates.join(', ') : none}</Item>
        <Item label={t('screening.case.countries')}>
          {entity.countries.length ? entity.countries.map((c) => `${countryName(c)} (${c})`).join(', ') : none}
        </Item>
        <Item label={t('screening.case.identifiers')}>
          {entity.identifiers.length
            ? entity.identifiers.map((identifier, index) => (
                <Text key={`${identifier.scheme}:${identifier.value}:${index}`} component="span" display="block" size="sm">
                  {identifier.scheme} <Mono>{identifier.value}</Mono>
                  {identifier.country && ` (${countryName(identifier.country)})`}
                </Text>
              ))
            : none}
        </Item>
        <Item label={t('screening.case.programs')}>{entity.programs.length ? entity.programs.join(', ') : none}</Item>
        <Item label={t('screening.case.sourceUrls')}>
          {entity.sourceUrls.length
            ? entity.sourceUrls.map((url) => (
                <Anchor key={url} href={url} target="_blank" rel="noopener noreferrer" display="block" size="sm" style={{ wordBreak: 'break-all' }}>
                  {url}
                </Anchor>
              ))
            : none}
        </Item>
        {entity.notes && (
          <Item label={t('screening.case.notes')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{entity.notes}</span>
          </Item>
        )}
      </Stack>
    </Card>
  );
}

function DecisionForm({
  data,
  onDecided,
  onReload,
}: {
  data: ScreeningCase;
  onDecided: (next: ScreeningCase, decision: CaseDecision) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const [decision, setDecision] = useState<CaseDecision | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; reason?: string }>({});

  const decide = useMutation({
    mutationFn: (input: { decision: CaseDecision; reason: string; version: number }) => api.decideScreeningCase(data.id, input, keyFor(input)),
    onSuccess: (next, input) => {
      setDecision('');
      setReason('');
      onDecided(next, input.decision);
    },
  });

  // 409s: the case changed since it was read (a stale version), or it is no longer open.
  const stale = isApiError(decide.error, 'conflict');
  const decided = isApiError(decide.error, 'invalid_transition');
  const { byField, other } = splitFieldErrors(decide.error, ['decision', 'reason']);
  const typed = reason.trim().length;

  return (
    <form
      noValidate
      aria-labelledby="decide-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const next: typeof errors = {};
        if (!decision) next.decision = t('screening.case.chooseDecision');
        if (typed < MIN_REASON) next.reason = t('screening.case.reasonTooShort');
        setErrors(next);
        if (!decision || next.reason) return;
        decide.mutate({ decision, reason: reason.trim(), version: data.version });
      }}
      data-testid="decision-form"
    >
      <Stack gap="sm" mt="md" maw={720}>
        <Title order={3} size="h5" id="decide-heading">
          {t('screening.case.decideHeading')}
        </Title>
        {(stale || decided) && (
          <Alert color="red" variant="light" role="alert" data-testid="decision-conflict">
            <Stack gap="xs">
              <Text size="sm">{stale ? t('screening.case.stale') : t('screening.case.alreadyDecided')}</Text>
              <Button
                size="xs"
                variant="outline"
                color="red"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => {
                  decide.reset();
                  onReload();
                }}
              >
                {t('screening.case.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {decide.error && !stale && !decided && <ErrorAlert error={decide.error} fieldErrors={other} />}
        <Radio.Group
          label={t('screening.case.decision')}
          required
          value={decision}
          onChange={(value) => {
            setDecision(value as CaseDecision);
            setErrors((e) => ({ ...e, decision: undefined }));
          }}
          error={errors.decision ?? byField.decision}
        >
          <Stack gap="xs" mt={6}>
            <Radio value="dismiss" label={t('screening.case.dismiss')} data-testid="decision-dismiss" />
            <Radio value="confirm" label={t('screening.case.confirm')} description={t('screening.case.confirmHelp')} data-testid="decision-confirm" />
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('screening.case.reason')}
          description={t('screening.case.reasonHelp', { typed })}
          required
          autosize
          minRows={3}
          maxRows={10}
          maxLength={2000}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setErrors((e) => ({ ...e, reason: undefined }));
          }}
          error={errors.reason ?? byField.reason}
          data-testid="decision-reason"
        />
        <Group>
          <Button type="submit" color={decision === 'confirm' ? 'red' : undefined} loading={decide.isPending} data-testid="decision-submit">
            {t('screening.case.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
