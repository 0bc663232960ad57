// Documents of an organization to tick (evidence for a report or a milestone, attachments of an
// application or a proposal), with the way to upload more. Lists every document the organization has uploaded (up to 200).
import { Anchor, Checkbox, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import { formatDateTime } from '../format';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

/** The organization's documents (shared with the other pages that list them whole). */
export function useOrganizationDocuments(organizationId: string | null | undefined) {
  return useQuery({
    queryKey: ['organizations', 'documents', organizationId, 'all'],
    queryFn: () => api.listDocuments(organizationId!, { limit: 200, offset: 0 }),
    enabled: Boolean(organizationId),
  });
}

interface DocumentChecklistProps {
  organizationId: string;
  label: string;
  description?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  required?: boolean;
  /** What to say when the organization has no documents yet. */
  noDocumentsText?: string;
  testId?: string;
}

export function DocumentChecklist({ organizationId, label, description, value, onChange, error, required, noDocumentsText, testId = 'document-choice' }: DocumentChecklistProps) {
  const { t } = useTranslation();
  const documents = useOrganizationDocuments(organizationId);
  return (
    <Stack gap="xs">
      {documents.isPending ? (
        <Loading />
      ) : documents.isError ? (
        <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
      ) : documents.data.items.length === 0 ? (
        <Text size="sm">{noDocumentsText ?? t('applicationForm.noDocuments')}</Text>
      ) : (
        <Checkbox.Group label={label} description={description} required={required} value={value} onChange={onChange} error={error}>
          <Stack gap={6} mt="xs">
            {documents.data.items.map((document) => (
              <Checkbox
                key={document.id}
                value={document.id}
                label={`${document.title} (${t(`documentType.${document.documentType}`)}, ${formatDateTime(document.createdAt)})`}
                data-testid={testId}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <Anchor component={Link} to={`/app/organizations/${organizationId}?tab=documents`} size="sm">
        {t('applicationForm.uploadDocuments')}
      </Anchor>
    </Stack>
  );
}
