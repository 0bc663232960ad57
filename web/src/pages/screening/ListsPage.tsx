// The sanctions lists the platform screens against: each source's current version with its counts,
// who imported it and when, and its files' hashes. An administrator imports or replaces a list here:
// the files are read in the browser as text (OFAC's CSV files as Windows-1252) and sent in one
// request; a malformed file comes back naming the file and line, and nothing is stored.
import { Alert, Box, Button, Group, Input, List, Loader, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, LIST_FORMATS, newIdempotencyKey, type ListFormat, type ListImportResult, type SanctionsList } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { ScreeningNav } from '../../components/ScreeningNav';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { LIST_SOURCE, listFileName, MAX_LIST_FILES, readListFile, SCREENING_KEY } from '../../screening';
import { canImportLists, useMe } from '../../session';
import { formatBytes } from '../organization/DocumentsTab';

const LISTS_KEY = [...SCREENING_KEY, 'lists'] as const;

export function ListsPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [result, setResult] = useState<ListImportResult | null>(null);
  const lists = useQuery({ queryKey: LISTS_KEY, queryFn: api.listSanctionsLists });
  const number = (value: number) => new Intl.NumberFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'uk-UA').format(value);
  const title = t('screening.lists.title');

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ScreeningNav />
      <Text maw={760}>{t('screening.lists.intro')}</Text>

      {result && (
        <SuccessAlert onClose={() => setResult(null)}>
          <Text size="sm">
            {t('screening.lists.imported', { source: result.list.source, entities: number(result.entityCount), warnings: number(result.list.warnings) })}
          </Text>
          {result.warnings.length > 0 && (
            <Box component="details" mt="xs">
              <Box component="summary" style={{ cursor: 'pointer' }}>
                {t('screening.lists.warningsHeading')}
              </Box>
              <List size="sm" mt="xs">
                {result.warnings.map((warning, index) => (
                  <List.Item key={index}>
                    {warning.line !== undefined ? t('screening.lists.warningAt', { file: warning.file, line: warning.line }) : warning.file}: {warning.message}
                    {warning.value && (
                      <>
                        {' '}
                        (<Mono>{warning.value}</Mono>)
                      </>
                    )}
                  </List.Item>
                ))}
              </List>
            </Box>
          )}
        </SuccessAlert>
      )}

      {lists.isPending ? (
        <Loading />
      ) : lists.isError ? (
        <ErrorAlert error={lists.error} onRetry={() => void lists.refetch()} />
      ) : (
        <TableFrame label={t('screening.lists.caption')}>
          <Table striped captionSide="top" verticalSpacing="sm" miw={900} data-testid="lists">
            <Table.Caption>{t('screening.lists.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('screening.lists.source')}</Table.Th>
                <Table.Th scope="col">{t('screening.lists.format')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('screening.lists.entities')}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('screening.lists.names')}
                </Table.Th>
                <Table.Th scope="col">{t('screening.lists.importedAt')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('screening.lists.warnings')}
                </Table.Th>
                <Table.Th scope="col">{t('screening.lists.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>{t('screening.lists.none')}</Table.Td>
                </Table.Tr>
              )}
              {lists.data.items.map((list) => (
                <ListRow key={list.source} list={list} number={number} />
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}

      {me && canImportLists(me.user) && <ImportForm onImported={setResult} />}
    </Stack>
  );
}

function ListRow({ list, number }: { list: SanctionsList; number: (value: number) => string }) {
  const { t, i18n } = useTranslation();
  const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', verticalAlign: 'top' } as const;
  return (
    <Table.Tr data-testid="list-row" data-source={list.source}>
      <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
        {list.source}
      </Table.Th>
      <Table.Td style={{ verticalAlign: 'top' }}>{t(`screening.format.${list.format}`)}</Table.Td>
      <Table.Td style={numeric}>{number(list.entityCount)}</Table.Td>
      <Table.Td style={numeric}>{number(list.nameCount)}</Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {list.importedAt ? formatDateTime(list.importedAt) : t('common.none')}
        {list.importedBy && <Text size="xs">{t('screening.lists.importedBy')}: {list.importedBy}</Text>}
      </Table.Td>
      <Table.Td style={numeric}>{number(list.warnings)}</Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }} maw={380}>
        {list.files.length === 0 ? (
          t('common.none')
        ) : (
          <Box component="details">
            <Box component="summary" style={{ cursor: 'pointer' }}>
              {t('screening.lists.filesSummary', { number: list.files.length })}
            </Box>
            <Stack gap={4} mt={4}>
              {list.files.map((file) => (
                <div key={file.name}>
                  <Text size="sm">
                    {file.name} · {formatBytes(file.bytes, i18n.resolvedLanguage)}
                  </Text>
                  <Mono>{file.sha256}</Mono>
                </div>
              ))}
            </Stack>
          </Box>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

type Stage = 'idle' | 'reading' | 'uploading';

function ImportForm({ onImported }: { onImported: (result: ListImportResult) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<ListFormat>('ofac-csv');
  const [source, setSource] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<{ source?: string; files?: string }>({});
  const [stage, setStage] = useState<Stage>('idle');
  const fileInput = useRef<HTMLInputElement>(null);

  const upload = useMutation({
    mutationFn: async (input: { format: ListFormat; source: string; files: File[] }) => {
      setStage('reading');
      const contents = await Promise.all(input.files.map(async (file) => ({ name: listFileName(file.name), content: await readListFile(file, input.format) })));
      setStage('uploading');
      // One key per import: a retry of this very request is answered once.
      return api.importSanctionsList({ format: input.format, source: input.source, files: contents }, newIdempotencyKey());
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: SCREENING_KEY });
      onImported(result);
      setSource('');
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
    },
    onSettled: () => setStage('idle'),
  });

  // A malformed file: the server names the file and, when it can, the line.
  const extra = isApiError(upload.error) ? upload.error.extra : {};
  const badFile = typeof extra.file === 'string' ? extra.file : null;
  const badLine = typeof extra.line === 'number' ? extra.line : null;
  const { byField, other } = splitFieldErrors(upload.error, ['format', 'source', 'files']);
  const multiple = format === 'ofac-csv';
  const fileError = errors.files ?? (badFile ? undefined : byField.files);

  return (
    <form
      noValidate
      aria-labelledby="import-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const next: typeof errors = {};
        if (!LIST_SOURCE.test(source.trim())) next.source = t('screening.lists.sourceInvalid');
        if (files.length === 0) next.files = t('screening.lists.chooseFiles');
        else if (files.length > MAX_LIST_FILES) next.files = t('screening.lists.tooManyFiles');
        setErrors(next);
        if (Object.keys(next).length > 0) return;
        upload.mutate({ format, source: source.trim(), files });
      }}
      data-testid="import-form"
    >
      <Stack gap="sm" maw={680}>
        <Title order={2} size="h3" id="import-heading">
          {t('screening.lists.importHeading')}
        </Title>
        <Text size="sm">{t('screening.lists.importHelp')}</Text>
        {upload.error &&
          (badFile ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              title={badLine !== null ? t('screening.lists.badFile', { file: badFile, line: badLine }) : t('screening.lists.badFileNoLine', { file: badFile })}
              data-testid="import-error"
            >
              {/* The parser's own sentence: what was wrong where. */}
              <Text size="sm">{isApiError(upload.error) ? upload.error.detail : null}</Text>
            </Alert>
          ) : (
            <ErrorAlert error={upload.error} fieldErrors={other} />
          ))}
        <NativeSelect
          label={t('screening.lists.format')}
          data={LIST_FORMATS.map((f) => ({ value: f, label: t(`screening.format.${f}`) }))}
          value={format}
          onChange={(event) => {
            setFormat(event.currentTarget.value as ListFormat);
            // One file only for other formats: keep the first.
            if (event.currentTarget.value !== 'ofac-csv' && files.length > 1) {
              setFiles([]);
              if (fileInput.current) fileInput.current.value = '';
            }
          }}
          error={byField.format}
          data-testid="list-format"
        />
        <TextInput
          label={t('screening.lists.source')}
          description={t('screening.lists.sourceHelp')}
          required
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          value={source}
          onChange={(event) => {
            setSource(event.currentTarget.value);
            setErrors((e) => ({ ...e, source: undefined }));
          }}
          error={errors.source ?? byField.source}
          data-testid="list-source"
        />
        <Input.Wrapper
          label={t('screening.lists.filesLabel')}
          description={t(`screening.lists.filesHelp.${format}`)}
          required
          error={fileError}
          id="list-files"
        >
          <input
            ref={fileInput}
            id="list-files"
            type="file"
            multiple={multiple}
            required
            accept={format === 'un-xml' ? '.xml,text/xml,application/xml' : format === 'ftm-json' ? '.json,.jsonl,.ndjson,application/json' : '.csv,text/csv'}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`list-files-description${fileError ? ' list-files-error' : ''}`}
            onChange={(event) => {
              setFiles(Array.from(event.currentTarget.files ?? []));
              setErrors((e) => ({ ...e, files: undefined }));
              if (upload.error) upload.reset();
            }}
            style={{ display: 'block', marginTop: 6 }}
            data-testid="list-files"
          />
        </Input.Wrapper>
        {files.length > 1 && <Text size="sm">{t('screening.lists.chosen', { names: files.map((f) => f.name).join(', ') })}</Text>}
        <Group>
          <Button type="submit" loading={upload.isPending} data-testid="import-submit">
            {t('screening.lists.submit')}
          </Button>
          {/* Announced politely: reading large files and importing them takes a while. */}
          <Group gap="xs" role="status" aria-live="polite" data-testid="import-progress">
            {stage !== 'idle' && (
              <>
                <Loader size="xs" aria-hidden="true" />
                <Text size="sm">{stage === 'reading' ? t('screening.lists.reading') : t('screening.lists.uploading')}</Text>
              </>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
