// Writing a post: the officer types the address, titles, summaries and Markdown bodies in both
// languages and the tags, saves (a draft), and then sees the preview the server rendered and
// sanitized, exactly as the public will. From there the post is published now or scheduled for a
// time, unscheduled, archived or restored; each action names the state it leads to. Auditors read.
import { Anchor, Button, Card, FileInput, Fieldset, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, newIdempotencyKey, type PortalImage, type PortalPost, type PostAction, type PostInput } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { PortalNav } from '../../components/PortalNav';
import { PostStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { splitFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { useIdempotencyKeys } from '../../fund';
import {
  EMPTY_POST,
  fromLocalInput,
  PORTAL_EDITORS,
  PORTAL_KEY,
  POST_FIELDS,
  postChanges,
  postErrors,
  postInput,
  postKey,
  postTitle,
  postValues,
  PUBLIC_NEWS_KEY,
  slugFrom,
  toLocalInput,
  type PostValues,
} from '../../portal';
import { hasAnyRole, useMe } from '../../session';
import { RenderedText } from './RenderedText';

export function PostEditorPage() {
  const { id } = useParams();
  return id ? <ExistingPost id={id} /> : <NewPost />;
}

function NewPost() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const create = useMutation({
    mutationFn: (input: PostInput) => api.createPost(input, keyFor(input)),
    onSuccess: (saved) => {
      queryClient.setQueryData(postKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: PORTAL_KEY });
      navigate(`/app/portal/news/${saved.id}`, { replace: true, state: { saved: true } });
    },
  });
  const title = t('portal.editor.newTitle');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <PortalNav />
      <Text maw={760}>{t('portal.editor.intro')}</Text>
      <PostForm initial={EMPTY_POST} slugLocked={false} pending={create.isPending} error={create.error} submitLabel={t('portal.editor.saveDraft')} onSubmit={(input) => create.mutate(input)} />
    </Stack>
  );
}

function ExistingPost({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>((location.state as { saved?: boolean } | null)?.saved ? t('portal.editor.saved') : null);
  const post = useQuery({ queryKey: postKey(id), queryFn: () => api.getPost(id) });
  const update = useMutation({
    mutationFn: (changes: Partial<PostInput>) => api.updatePost(id, { ...changes, version: post.data!.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(postKey(id), saved);
      void queryClient.invalidateQueries({ queryKey: PORTAL_KEY });
      void queryClient.invalidateQueries({ queryKey: PUBLIC_NEWS_KEY });
      setNotice(t('portal.editor.saved'));
    },
  });
  if (!me) return null;
  if (post.isPending) return <Loading />;
  if (post.isError) return <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />;
  const editor = hasAnyRole(me.user, PORTAL_EDITORS);
  const current = post.data;
  const saved: PostInput = { slug: current.slug, titleUk: current.titleUk, titleEn: current.titleEn, summaryUk: current.summaryUk, summaryEn: current.summaryEn, bodyUk: current.bodyUk, bodyEn: current.bodyEn, tags: current.tags };
  const title = postTitle(current);
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <PortalNav />
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <Facts testId="post-facts">
        <Fact label={t('portal.posts.status')}>
          <PostStatusBadge status={current.status} />
        </Fact>
        <Fact label={t('portal.posts.address')}>
          {current.status === 'published' ? (
            <Anchor component={Link} to={`/news/${current.slug}`} data-testid="public-address">
              /news/{current.slug}
            </Anchor>
          ) : (
            `/news/${current.slug}`
          )}
        </Fact>
        <Fact label={t('portal.editor.version')}>{current.version}</Fact>
        <Fact label={t('portal.editor.createdBy')}>{current.createdBy}</Fact>
        <Fact label={t('portal.posts.updated')}>{formatDateTime(current.updatedAt)}</Fact>
      </Facts>
      {editor && <PostActions post={current} onDone={setNotice} />}
      <Preview post={current} />
      {editor && (
        <PostForm
          key={current.version}
          initial={postValues(saved)}
          slugLocked={current.status === 'published' || current.status === 'archived'}
          pending={update.isPending}
          error={update.error}
          submitLabel={t('portal.editor.save')}
          onSubmit={(input) => {
            const changes = postChanges(saved, input);
            if (Object.keys(changes).length === 0) setNotice(t('portal.editor.unchanged'));
            else update.mutate(changes);
          }}
        />
      )}
    </Stack>
  );
}

/** The post in both languages as the server rendered it from the saved text. */
function Preview({ post }: { post: PortalPost }) {
  const { t } = useTranslation();
  const sides = [
    { lang: 'uk', label: t('portal.editor.inUkrainian'), title: post.titleUk, summary: post.summaryUk, html: post.htmlUk },
    { lang: 'en', label: t('portal.editor.inEnglish'), title: post.titleEn, summary: post.summaryEn, html: post.htmlEn },
  ] as const;
  return (
    <TitledSection id="preview-heading" title={t('portal.editor.preview')} testId="preview">
      <Text size="sm" maw={760}>
        {t('portal.editor.previewHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {sides.map((side) => (
          <Card key={side.lang} withBorder component="section" aria-label={side.label} data-testid={`preview-${side.lang}`}>
            <Text size="sm" fw={600} c="dimmed" mb="xs">
              {side.label}
            </Text>
            <Stack gap="xs" lang={side.lang}>
              <Title order={3}>{side.title}</Title>
              {side.summary && <Text fs="italic">{side.summary}</Text>}
              <RenderedText html={side.html} />
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </TitledSection>
  );
}

/** What can happen to the post next, by its state (mirrors the server's transitions). */
function PostActions({ post, onDone }: { post: PortalPost; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<'publish' | 'archive' | null>(null);
  const [publishAt, setPublishAt] = useState(() => toLocalInput(new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000)));
  const [publishAtError, setPublishAtError] = useState<string | null>(null);
  const transition = useMutation({
    mutationFn: (input: { action: PostAction; publishAt?: string }) => api.transitionPost(post.id, { version: post.version, ...input }, newIdempotencyKey()),
    onSuccess: (saved) => {
      queryClient.setQueryData(postKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: PORTAL_KEY });
      void queryClient.invalidateQueries({ queryKey: PUBLIC_NEWS_KEY });
      setConfirming(null);
      onDone(t(`portal.editor.done.${saved.status}`));
    },
    onError: (error) => {
      const byField = splitFieldErrors(error, ['publishAt']).byField;
      if (byField.publishAt) setPublishAtError(byField.publishAt);
    },
  });
  const run = (action: PostAction) => transition.mutate({ action });
  const schedule = () => {
    const at = fromLocalInput(publishAt);
    if (!at) return setPublishAtError(t('portal.editor.publishAtRequired'));
    if (new Date(at).getTime() <= Date.now()) return setPublishAtError(t('portal.editor.publishAtFuture'));
    setPublishAtError(null);
    transition.mutate({ action: 'schedule', publishAt: at });
  };
  const stateText = {
    draft: t('portal.editor.state.draft'),
    scheduled: t('portal.editor.state.scheduled', { date: formatDateTime(post.publishAt) }),
    published: t('portal.editor.state.published', { date: formatDateTime(post.publishedAt) }),
    archived: t('portal.editor.state.archived'),
  }[post.status];
  return (
    <Card withBorder component="section" aria-labelledby="post-actions-heading" data-testid="post-actions">
      <Title order={2} size="h3" id="post-actions-heading" mb="xs">
        {t('portal.editor.actions')}
      </Title>
      <Text mb="sm" data-testid="post-state">
        {stateText}
      </Text>
      {!confirming && <ErrorAlert error={publishAtError ? null : transition.error} />}
      <Group align="flex-end" wrap="wrap">
        {(post.status === 'draft' || post.status === 'scheduled') && (
          <Button onClick={() => setConfirming('publish')} data-testid="publish-post">
            {t('portal.editor.publish')}
          </Button>
        )}
        {post.status === 'draft' && (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              type="datetime-local"
              label={t('portal.editor.publishAt')}
              description={t('portal.editor.publishAtHelp')}
              value={publishAt}
              onChange={(event) => setPublishAt(event.currentTarget.value)}
              error={publishAtError}
              data-testid="publish-at"
            />
            <Button variant="default" loading={transition.isPending && transition.variables?.action === 'schedule'} onClick={schedule} data-testid="schedule-post">
              {t('portal.editor.schedule')}
            </Button>
          </Group>
        )}
        {post.status === 'scheduled' && (
          <Button variant="default" loading={transition.isPending} onClick={() => run('unschedule')} data-testid="unschedule-post">
            {t('portal.editor.unschedule')}
          </Button>
        )}
        {post.status === 'published' && (
          <Button variant="default" color="red" onClick={() => setConfirming('archive')} data-testid="archive-post">
            {t('portal.editor.archive')}
          </Button>
        )}
        {post.status === 'archived' && (
          <Button variant="default" loading={transition.isPending} onClick={() => run('restore')} data-testid="restore-post">
            {t('portal.editor.restore')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming === 'archive' ? t('portal.editor.archiveTitle') : t('portal.editor.publishTitle')}
        text={confirming === 'archive' ? t('portal.editor.archiveText') : t('portal.editor.publishText', { address: `/news/${post.slug}` })}
        confirmLabel={confirming === 'archive' ? t('portal.editor.archive') : t('portal.editor.publish')}
        confirmColor={confirming === 'archive' ? 'red' : 'blue'}
        confirmTestId="confirm-transition"
        pending={transition.isPending}
        error={transition.error}
        onConfirm={() => confirming && run(confirming)}
        onClose={() => {
          setConfirming(null);
          transition.reset();
        }}
      />
    </Card>
  );
}

interface PostFormProps {
  initial: PostValues;
  /** A published post keeps its address. */
  slugLocked: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: PostInput) => void;
}

/** The post's texts in both languages; checked here as the server checks them, then sent. */
function PostForm({ initial, slugLocked, pending, error, submitLabel, onSubmit }: PostFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<PostValues>(initial);
  const [errors, setErrors] = useState<Partial<Record<(typeof POST_FIELDS)[number], string>>>({});
  const server = splitFieldErrors(error, POST_FIELDS);
  const errorOf = (field: (typeof POST_FIELDS)[number]) => errors[field] ?? server.byField[field];
  const field = (name: (typeof POST_FIELDS)[number]) => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
    },
    error: errorOf(name),
  });
  const submit = () => {
    const found = postErrors(values, t);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(postInput(values));
  };
  const languages = [
    { key: 'Uk', legend: t('portal.editor.ukrainian') },
    { key: 'En', legend: t('portal.editor.english') },
  ] as const;
  return (
    <Card withBorder component="section" aria-labelledby="post-form-heading">
      <Title order={2} size="h3" id="post-form-heading" mb="sm">
        {t('portal.editor.formHeading')}
      </Title>
      <form
        noValidate
        aria-labelledby="post-form-heading"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('portal.editor.slug')}
              description={slugLocked ? t('portal.editor.slugLocked') : t('portal.editor.slugHelp')}
              required
              disabled={slugLocked}
              {...field('slug')}
              data-testid="post-slug"
            />
            <TextInput label={t('portal.editor.tags')} description={t('portal.editor.tagsHelp')} {...field('tags')} data-testid="post-tags" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {languages.map(({ key, legend }) => (
              <Fieldset key={key} legend={legend} variant="filled">
                <Stack gap="sm">
                  <TextInput
                    label={t(`portal.editor.title${key}`)}
                    required
                    {...field(`title${key}`)}
                    onBlur={() => {
                      // An empty address is suggested from the English title.
                      if (key === 'En' && !values.slug && !slugLocked) setValues((current) => ({ ...current, slug: slugFrom(current.titleEn) }));
                    }}
                    data-testid={`post-title-${key.toLowerCase()}`}
                  />
                  <Textarea label={t(`portal.editor.summary${key}`)} description={t('portal.editor.summaryHelp')} autosize minRows={2} {...field(`summary${key}`)} data-testid={`post-summary-${key.toLowerCase()}`} />
                  <Textarea
                    label={t(`portal.editor.body${key}`)}
                    description={t('portal.editor.bodyHelp')}
                    required
                    autosize
                    minRows={8}
                    maxRows={30}
                    {...field(`body${key}`)}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    data-testid={`post-body-${key.toLowerCase()}`}
                  />
                </Stack>
              </Fieldset>
            ))}
          </SimpleGrid>
          <ImageInsert onInserted={(image) => setValues((current) => ({ ...current, bodyUk: `${current.bodyUk.trimEnd()}\n\n${image.markdownUk}\n`, bodyEn: `${current.bodyEn.trimEnd()}\n\n${image.markdownEn}\n` }))} />
          <ErrorAlert error={error} fieldErrors={server.other} />
          <Group>
            <Button type="submit" loading={pending} data-testid="save-post">
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Uploads an image with its description in both languages and hands back the Markdown that shows it. */
function ImageInsert({ onInserted }: { onInserted: (image: PortalImage) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [altUk, setAltUk] = useState('');
  const [altEn, setAltEn] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const upload = useMutation({
    mutationFn: (input: { file: File; altUk: string; altEn: string }) => api.uploadPostImage(input),
    onSuccess: (image) => {
      onInserted(image);
      setFile(null);
      setAltUk('');
      setAltEn('');
      setDone(true);
    },
  });
  const start = () => {
    setDone(false);
    const ready = file !== null && altUk.trim() !== '' && altEn.trim() !== '';
    setMissing(!ready);
    if (ready) upload.mutate({ file, altUk: altUk.trim(), altEn: altEn.trim() });
  };
  return (
    <Fieldset legend={t('portal.editor.image.legend')} variant="filled">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('portal.editor.image.help')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <FileInput label={t('portal.editor.image.file')} accept="image/png,image/jpeg,image/webp" value={file} onChange={setFile} clearable data-testid="post-image-file" />
          <TextInput label={t('portal.editor.image.altUk')} description={t('portal.editor.image.altHelp')} value={altUk} onChange={(event) => setAltUk(event.currentTarget.value)} data-testid="post-image-alt-uk" />
          <TextInput label={t('portal.editor.image.altEn')} description={t('portal.editor.image.altHelp')} value={altEn} onChange={(event) => setAltEn(event.currentTarget.value)} data-testid="post-image-alt-en" />
        </SimpleGrid>
        {missing && (
          <Text size="sm" c="red.8" role="alert">
            {t('portal.editor.image.missing')}
          </Text>
        )}
        <ErrorAlert error={upload.error} />
        {done && <SuccessAlert>{t('portal.editor.image.inserted')}</SuccessAlert>}
        <Group>
          <Button variant="light" onClick={start} loading={upload.isPending} data-testid="post-image-upload">
            {t('portal.editor.image.upload')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
