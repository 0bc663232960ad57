// What the portal's pages share: query keys, who may edit (mirroring src/modules/portal/policy.ts),
// posts' and FAQ entries' texts in the interface language, and the post and FAQ forms checked as the
// server checks them (src/modules/portal/schema.ts) before they are sent.
import type { TFunction } from 'i18next';
import type { FaqInput, NewsSummary, PostInput, Role } from './api';
import { inLanguage } from './events';

/** Everything under this key is refreshed after an editor's change. */
export const PORTAL_KEY = ['portal'] as const;
export const postKey = (id: string) => [...PORTAL_KEY, 'post', id] as const;
/** The public pages' data (news, FAQ): refreshed too after an editor's change. */
export const PUBLIC_NEWS_KEY = ['public', 'news'] as const;
export const PUBLIC_FAQ_KEY = ['public', 'faq'] as const;

/** Officers write news and keep the FAQ. */
export const PORTAL_EDITORS: readonly Role[] = ['officer'];
/** Staff who read drafts and scheduled posts. */
export const PORTAL_READERS: readonly Role[] = ['officer', 'auditor'];

/** A post's title, summary or body in the interface language. */
export const postTitle = (post: Pick<NewsSummary, 'titleUk' | 'titleEn'>) => inLanguage(post.titleUk, post.titleEn);
export const postSummary = (post: Pick<NewsSummary, 'summaryUk' | 'summaryEn'>) => inLanguage(post.summaryUk, post.summaryEn);
export const postHtml = (post: { htmlUk: string; htmlEn: string }) => inLanguage(post.htmlUk, post.htmlEn);

// --- The post form ---------------------------------------------------------------------------------

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The form's values: what the editor typed, tags as one line. */
export type PostValues = Omit<PostInput, 'tags'> & { tags: string };

export const EMPTY_POST: PostValues = { slug: '', titleUk: '', titleEn: '', summaryUk: '', summaryEn: '', bodyUk: '', bodyEn: '', tags: '' };
export const POST_FIELDS = ['slug', 'titleUk', 'titleEn', 'summaryUk', 'summaryEn', 'bodyUk', 'bodyEn', 'tags'] as const;

/** A saved post as the form shows it. */
export function postValues(post: PostInput): PostValues {
  return { ...post, tags: post.tags.join(', ') };
}

/** Tags typed as "forum, kyiv" (commas or spaces). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** The body the API takes, trimmed as the server trims. */
export function postInput(values: PostValues): PostInput {
  return {
    slug: values.slug.trim(),
    titleUk: values.titleUk.trim(),
    titleEn: values.titleEn.trim(),
    summaryUk: values.summaryUk.trim(),
    summaryEn: values.summaryEn.trim(),
    bodyUk: values.bodyUk.trim(),
    bodyEn: values.bodyEn.trim(),
    tags: parseTags(values.tags),
  };
}

/** An address suggested by a title: lower-case Latin words joined by hyphens ("" when none are left). */
export function slugFrom(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

/** What is wrong with the form, by field (empty when the server would take it). */
export function postErrors(values: PostValues, t: TFunction): Partial<Record<(typeof POST_FIELDS)[number], string>> {
  const input = postInput(values);
  const errors: Partial<Record<(typeof POST_FIELDS)[number], string>> = {};
  if (!input.slug) errors.slug = t('validation.required');
  else if (input.slug.length < 3 || input.slug.length > 120 || !SLUG.test(input.slug)) errors.slug = t('portal.editor.slugRule');
  for (const field of ['titleUk', 'titleEn', 'bodyUk', 'bodyEn'] as const) if (!input[field]) errors[field] = t('validation.required');
  for (const field of ['titleUk', 'titleEn'] as const) if (input[field].length > 300) errors[field] = t('portal.editor.tooLong', { count: 300 });
  for (const field of ['summaryUk', 'summaryEn'] as const) if (input[field].length > 500) errors[field] = t('portal.editor.tooLong', { count: 500 });
  for (const field of ['bodyUk', 'bodyEn'] as const) if (input[field].length > 50_000) errors[field] = t('portal.editor.tooLong', { count: 50_000 });
  const badTag = input.tags.find((tag) => tag.length < 2 || tag.length > 40 || !TAG.test(tag));
  if (badTag) errors.tags = t('portal.editor.tagRule', { tag: badTag });
  else if (input.tags.length > 12) errors.tags = t('portal.editor.tooManyTags');
  return errors;
}

/** Only what changed, for a PATCH (an unchanged address is not sent: a published one may not change). */
export function postChanges(before: PostInput, after: PostInput): Partial<PostInput> {
  const changes: Partial<PostInput> = {};
  for (const field of ['slug', 'titleUk', 'titleEn', 'summaryUk', 'summaryEn', 'bodyUk', 'bodyEn'] as const) {
    if (before[field] !== after[field]) changes[field] = after[field];
  }
  if (before.tags.join(',') !== after.tags.join(',')) changes.tags = after.tags;
  return changes;
}

// --- Scheduling -------------------------------------------------------------------------------------

/** An instant as a `datetime-local` input shows it, in the browser's time zone ("2027-03-01T09:30"). */
export function toLocalInput(iso: string | Date): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value as an ISO instant (null when it is not a time). */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// --- The FAQ form -----------------------------------------------------------------------------------

/** The FAQ form's values: the order as typed. */
export type FaqValues = Omit<FaqInput, 'sortOrder'> & { sortOrder: string };
export const FAQ_FIELDS = ['groupKey', 'groupUk', 'groupEn', 'questionUk', 'questionEn', 'answerUk', 'answerEn', 'sortOrder'] as const;
export const EMPTY_FAQ: FaqValues = { groupKey: '', groupUk: '', groupEn: '', questionUk: '', questionEn: '', answerUk: '', answerEn: '', sortOrder: '1000', published: true };

/** A saved FAQ entry as the form shows it. */
export function faqValues(entry: FaqInput): FaqValues {
  return { ...entry, sortOrder: String(entry.sortOrder) };
}

/** The body the API takes, trimmed as the server trims. */
export function faqInput(values: FaqValues): FaqInput {
  return {
    groupKey: values.groupKey.trim(),
    groupUk: values.groupUk.trim(),
    groupEn: values.groupEn.trim(),
    questionUk: values.questionUk.trim(),
    questionEn: values.questionEn.trim(),
    answerUk: values.answerUk.trim(),
    answerEn: values.answerEn.trim(),
    sortOrder: Number(values.sortOrder.trim()),
    published: values.published,
  };
}

/** What is wrong with the FAQ form, by field. */
export function faqErrors(values: FaqValues, t: TFunction): Partial<Record<(typeof FAQ_FIELDS)[number], string>> {
  const input = faqInput(values);
  const errors: Partial<Record<(typeof FAQ_FIELDS)[number], string>> = {};
  for (const field of ['groupKey', 'groupUk', 'groupEn', 'questionUk', 'questionEn', 'answerUk', 'answerEn'] as const) if (!input[field]) errors[field] = t('validation.required');
  if (input.groupKey && (input.groupKey.length < 2 || input.groupKey.length > 40 || !TAG.test(input.groupKey))) errors.groupKey = t('portal.faqEditor.groupKeyRule');
  if (!/^\d+$/.test(values.sortOrder.trim()) || input.sortOrder > 1_000_000) errors.sortOrder = t('portal.faqEditor.sortOrderRule');
  return errors;
}

/** An FAQ entry's group, question or answer in the interface language. */
export const faqGroup = (entry: { groupUk: string; groupEn: string }) => inLanguage(entry.groupUk, entry.groupEn);
export const faqQuestion = (entry: { questionUk: string; questionEn: string }) => inLanguage(entry.questionUk, entry.questionEn);
export const faqAnswerHtml = (entry: { answerHtmlUk: string; answerHtmlEn: string }) => inLanguage(entry.answerHtmlUk, entry.answerHtmlEn);
