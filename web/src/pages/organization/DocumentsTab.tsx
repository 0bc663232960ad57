// The organization's documents: list with hashes and download links, and an upload form. The file
// goes to the server as the raw request body; its type is decided there from its bytes.
import { Anchor, Button, Group, Input, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, DOCUMENT_TYPES, isApiError, type DocumentType, type Organization } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { Pager } from '../../components/Pager';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { documentsKey } from './keys';

const PAGE_SIZE = 20;

/** A byte count for people: "12.4 KB", "3.1 MB". */
export function formatBytes(bytes: number, language: string | undefined): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'uk-UA', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}

interface TabProps {
  organization: Organization;
  canUpload: boolean;
  onNotice: (message: string | null) => void;
}

export function DocumentsTab({ organization, canUpload, onNotice }: TabProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [type, setType] = useState<DocumentType | ''>('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState<{ type?: boolean; file?: boolean }>({});
  const fileInput = useRef<HTMLInputElement>(null);

  const documents = useQuery({
    queryKey: [...documentsKey(organization.id), offset],
    queryFn: () => api.listDocuments(organization.id, { limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  const upload = useMutation({
    mutationFn: (input: { type: DocumentType; title?: string; file: File }) => api.uploadDocument(organization.id, input),
    onSuccess: (document) => {
      void queryClient.invalidateQueries({ queryKey: documentsKey(organization.id) });
      onNotice(t('documentsTab.uploaded', { name: document.title }));
      setType('');
      setTitle('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      setOffset(0);
    },
  });

  // A refused file (415: not an allowed format; 413: too large) is a problem with the file input.
  const fileError = isApiError(upload.error, 'unsupported_media_type')
    ? t('documentsTab.unsupported')
    : isApiError(upload.error, 'payload_too_large')
      ? t('documentsTab.tooLarge')
      : missing.file
        ? t('documentsTab.chooseFile')
        : undefined;
  const { byField, other } = splitFieldErrors(upload.error, ['type', 'title', 'fileName', 'body']);

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('documentsTab.heading')}
      </Title>
      {documents.isPending ? (
        <Loading />
      ) : documents.isError ? (
        <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
      ) : (
        <>
          <TableFrame label={t('documentsTab.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{t('documentsTab.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('documentsTab.title')}</Table.Th>
                  <Table.Th scope="col">{t('documentsTab.type')}</Table.Th>
                  <Table.Th scope="col">{t('documentsTab.file')}</Table.Th>
                  <Table.Th scope="col">{t('documentsTab.size')}</Table.Th>
                  <Table.Th scope="col" w={220}>
                    {t('documentsTab.sha256')}
                  </Table.Th>
                  <Table.Th scope="col">{t('documentsTab.uploadedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {documents.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('documentsTab.none')}</Table.Td>
                  </Table.Tr>
                )}
                {documents.data.items.map((document) => (
                  <Table.Tr key={document.id}>
                    <Table.Td>
                      <Anchor href={api.documentUrl(document.id)} download={document.fileName}>
                        {document.title}
                        <span className="visually-hidden"> — {t('documentsTab.download')}</span>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`documentType.${document.documentType}`)}</Table.Td>
                    <Table.Td>
                      {document.fileName}
                      <Text size="xs" c="dimmed">
                        {document.contentType}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(document.sizeBytes, i18n.resolvedLanguage)}</Table.Td>
                    <Table.Td>
                      <Mono>{document.sha256}</Mono>
                    </Table.Td>
                    <Table.Td>{formatDateTime(document.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={documents.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={t('documentsTab.heading')} />
        </>
      )}

      {canUpload && (
        <form
          noValidate
          aria-labelledby="upload-heading"
          onSubmit={(event) => {
            event.preventDefault();
            const next = { type: type === '', file: file === null };
            setMissing(next);
            if (type && file) upload.mutate({ type, title: title.trim() || undefined, file });
          }}
        >
          <Stack gap="sm" maw={640}>
            <Title order={3} size="h4" id="upload-heading">
              {t('documentsTab.uploadHeading')}
            </Title>
            <Text size="sm">{t('documentsTab.uploadHelp')}</Text>
            {upload.error && !fileError && <ErrorAlert error={upload.error} fieldErrors={other} />}
            <NativeSelect
              label={t('documentsTab.type')}
              required
              data={[
                { value: '', label: t('organizationForm.choose'), disabled: true },
                ...DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`documentType.${d}`) })),
              ]}
              value={type}
              onChange={(event) => {
                setType(event.currentTarget.value as DocumentType);
                setMissing((m) => ({ ...m, type: false }));
              }}
              error={missing.type ? t('validation.required') : byField.type}
              data-testid="document-type"
            />
            <TextInput
              label={t('documentsTab.titleField')}
              description={t('documentsTab.titleHelp')}
              maxLength={300}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={byField.title}
            />
            <Input.Wrapper
              label={t('documentsTab.file')}
              description={t('documentsTab.fileHelp')}
              required
              error={fileError ?? byField.fileName ?? byField.body}
              id="document-file"
            >
              <input
                ref={fileInput}
                id="document-file"
                type="file"
                required
                aria-invalid={fileError ? true : undefined}
                aria-describedby={`document-file-description${fileError ?? byField.fileName ?? byField.body ? ' document-file-error' : ''}`}
                accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.docx,.xlsx,.odt,.ods,application/pdf,image/png,image/jpeg,image/tiff"
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  setMissing((m) => ({ ...m, file: false }));
                  if (upload.error) upload.reset();
                }}
                style={{ display: 'block', marginTop: 6 }}
                data-testid="document-file"
              />
            </Input.Wrapper>
            <Group>
              <Button type="submit" loading={upload.isPending}>
                {t('documentsTab.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
