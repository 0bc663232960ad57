// An evaluator's proposals: each one assigned to them with its title, applicant and call, and where
// they stand: to declare (no conflict of interest, or a conflict with its reason), to score, scored.
// Declaring no conflict opens the proposal for scoring; a conflict ends the assignment.
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, isApiError, type AssignmentStatus, type FundProposal } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ProgramsNav } from '../../components/ProgramsNav';
import { AssignmentStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { callTitle, PROGRAMS_KEY, proposalKey } from '../../programs';
import { useMe } from '../../session';
import { DeclareDialog } from './DeclareDialog';

const PAGE_SIZE = 50;

export function EvaluationsPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [offset, setOffset] = useState(0);
  const [declaring, setDeclaring] = useState<FundProposal | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate({ pathname: location.pathname }, { replace: true, state: null });
  }, [location.state]);

  const proposals = useQuery({
    queryKey: [...PROGRAMS_KEY, 'proposals', 'evaluations', offset],
    queryFn: () => api.listFundProposals({ limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  // Where the evaluator stands on each: the proposal answers "declare first" until they have.
  const states = useQueries({
    queries: (proposals.data?.items ?? []).map((p) => ({
      queryKey: [...PROGRAMS_KEY, 'proposals', 'assignment', p.id],
      queryFn: async (): Promise<AssignmentStatus> => {
        try {
          const detail = await api.getFundProposal(p.id);
          return detail.assignments.find((a) => a.evaluatorId === me?.user.id)?.status ?? 'declared';
        } catch (error) {
          if (isApiError(error, 'forbidden') && error.extra.mustDeclare === true) return 'assigned';
          throw error;
        }
      },
    })),
  });

  const title = t('programs.evaluationsPage.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>{t('programs.evaluationsPage.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {proposals.isPending ? (
        <Loading />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={860}>
              <Table.Caption>{t('programs.evaluationsPage.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.proposal')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.call')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposals.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('programs.evaluationsPage.none')}</Table.Td>
                  </Table.Tr>
                )}
                {proposals.data.items.map((proposal, index) => {
                  const state = states[index];
                  const status = state?.data;
                  const link = `/app/programs/proposals/${proposal.id}`;
                  return (
                    <Table.Tr key={proposal.id} data-testid="evaluation-row" data-status={status}>
                      <Table.Td>{status && status !== 'assigned' ? <Anchor component={Link} to={link} fw={600}>{proposal.title}</Anchor> : <Text fw={600} size="sm">{proposal.title}</Text>}</Table.Td>
                      <Table.Td>{proposal.organizationName}</Table.Td>
                      <Table.Td>{callTitle(proposal)}</Table.Td>
                      <Table.Td>{state?.isError ? <ErrorAlert error={state.error} /> : status ? <AssignmentStatusBadge status={status} /> : t('common.loading')}</Table.Td>
                      <Table.Td>
                        {status === 'assigned' && (
                          <Button size="xs" onClick={() => setDeclaring(proposal)} aria-label={t('programs.evaluationsPage.declareFor', { title: proposal.title })} data-testid="declare">
                            {t('programs.declare.open')}
                          </Button>
                        )}
                        {status === 'declared' && (
                          <Button component={Link} to={link} size="xs" variant="outline" aria-label={t('programs.evaluationsPage.scoreFor', { title: proposal.title })} data-testid="score">
                            {t('programs.evaluationsPage.score')}
                          </Button>
                        )}
                        {status === 'submitted' && (
                          <Anchor component={Link} to={link} size="sm">
                            {t('programs.evaluationsPage.review')}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={proposals.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
      <DeclareDialog
        opened={declaring !== null}
        proposalId={declaring?.id ?? ''}
        description={declaring ? t('programs.evaluationsPage.about', { title: declaring.title, organization: declaring.organizationName, call: callTitle(declaring) }) : undefined}
        onClose={() => setDeclaring(null)}
        onDone={(result) => {
          const proposal = declaring;
          setDeclaring(null);
          void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'proposals'] });
          if (result.proposal && proposal) {
            queryClient.setQueryData(proposalKey(proposal.id), result.proposal);
            navigate(`/app/programs/proposals/${proposal.id}`, { state: { notice: t('programs.declare.declared') } });
          } else setNotice(t('programs.declare.conflictRecorded'));
        }}
      />
    </Stack>
  );
}
