import { z } from 'zod';
import { zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { zMultilineText } from '../membership/schema.ts';

const zVersion = z.int().min(1).describe('the version you read; a different current version is a 409');
const zSlug = z.string().min(3).max(120).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, such as founding-forum-kyiv');
const zTag = z.string().min(2).max(40).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case tag such as forum');
const zMarkdown = (max: number) => zMultilineText(max).describe('Markdown; raw HTML is shown as text, links to http(s) and mailto only');
const zOptionalSummary = z.union([z.literal(''), zText(500)]);

export const POST_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;
export const POST_ACTIONS = ['schedule', 'unschedule', 'publish', 'archive', 'restore'] as const;

export const ZCreatePostBody = z.strictObject({
  slug: zSlug,
  titleUk: zText(300),
  titleEn: zText(300),
  summaryUk: zOptionalSummary.default(''),
  summaryEn: zOptionalSummary.default(''),
  bodyUk: zMarkdown(50_000),
  bodyEn: zMarkdown(50_000),
  tags: z.array(zTag).max(12).default([]),
});
export type TCreatePostBody = z.infer<typeof ZCreatePostBody>;

export const ZUpdatePostBody = z.strictObject({
  version: zVersion,
  slug: zSlug.optional(),
  titleUk: zText(300).optional(),
  titleEn: zText(300).optional(),
  summaryUk: zOptionalSummary.optional(),
  summaryEn: zOptionalSummary.optional(),
  bodyUk: zMarkdown(50_000).optional(),
  bodyEn: zMarkdown(50_000).optional(),
  tags: z.array(zTag).max(12).optional(),
});
export type TUpdatePostBody = z.infer<typeof ZUpdatePostBody>;

export const ZPostTransitionBody = z.strictObject({
  version: zVersion,
  action: z.enum(POST_ACTIONS).describe('schedule (draft → scheduled, needs publishAt in the future), unschedule, publish (now), archive, restore'),
  publishAt: z.iso.datetime({ offset: true }).optional(),
});
export type TPostTransitionBody = z.infer<typeof ZPostTransitionBody>;

const postSummary = {
  id: z.uuid(),
  slug: z.string(),
  titleUk: z.string(),
  titleEn: z.string(),
  summaryUk: z.string(),
  summaryEn: z.string(),
  tags: z.array(z.string()),
  publishedAt: z.string().nullable(),
};

export const ZPost = z
  .object({
    ...postSummary,
    bodyUk: z.string(),
    bodyEn: z.string(),
    htmlUk: z.string().describe('the body rendered and sanitized, as the public sees it'),
    htmlEn: z.string(),
    status: z.enum(POST_STATUSES),
    publishAt: z.string().nullable(),
    version: z.int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PortalPost' });
export const ZPostList = z.object({ items: z.array(ZPost.omit({ bodyUk: true, bodyEn: true, htmlUk: true, htmlEn: true })), total: z.int(), limit: z.int(), offset: z.int() });
export const ZPostListQuery = z.strictObject({ status: z.enum(POST_STATUSES).optional(), tag: zTag.optional(), q: zFilterText(200), ...zPageQuery });

export const ZPublicPostSummary = z.object(postSummary).meta({ id: 'PublicNewsSummary' });
export const ZPublicPostList = z.object({ items: z.array(ZPublicPostSummary), total: z.int(), limit: z.int(), offset: z.int(), tags: z.array(z.string()).describe('every tag of published posts') });
export const ZPublicPostListQuery = z.strictObject({ tag: zTag.optional(), ...zPageQuery });
export const ZPublicPost = z.object({ ...postSummary, htmlUk: z.string(), htmlEn: z.string(), updatedAt: z.string() }).meta({ id: 'PublicNewsPost' });
export const zSlugParams = z.strictObject({ slug: zSlug });

// FAQ ---------------------------------------------------------------------------------------------

const faqFields = {
  groupKey: zTag.describe('groups questions; entries with the same key are shown together'),
  groupUk: zText(200),
  groupEn: zText(200),
  questionUk: zText(500),
  questionEn: zText(500),
  answerUk: zMarkdown(10_000),
  answerEn: zMarkdown(10_000),
  sortOrder: z.int().min(0).max(1_000_000),
  published: z.boolean(),
};
export const ZCreateFaqBody = z.strictObject({ ...faqFields, sortOrder: faqFields.sortOrder.default(1000), published: faqFields.published.default(true) });
export type TCreateFaqBody = z.infer<typeof ZCreateFaqBody>;
export const ZUpdateFaqBody = z.strictObject(faqFields).partial().extend({ version: zVersion }).strict();
export type TUpdateFaqBody = z.infer<typeof ZUpdateFaqBody>;

export const ZFaqEntry = z
  .object({
    id: z.uuid(),
    groupKey: z.string(),
    groupUk: z.string(),
    groupEn: z.string(),
    questionUk: z.string(),
    questionEn: z.string(),
    answerUk: z.string(),
    answerEn: z.string(),
    answerHtmlUk: z.string(),
    answerHtmlEn: z.string(),
    sortOrder: z.int(),
    published: z.boolean(),
    version: z.int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'FaqEntry' });
export const ZFaqList = z.object({ items: z.array(ZFaqEntry) });

export const ZPublicFaq = z.object({
  groups: z.array(
    z.object({
      groupKey: z.string(),
      groupUk: z.string(),
      groupEn: z.string(),
      items: z.array(z.object({ id: z.uuid(), questionUk: z.string(), questionEn: z.string(), answerHtmlUk: z.string(), answerHtmlEn: z.string() })),
    }),
  ),
});

// Open data catalogue, dashboard -------------------------------------------------------------------

export const ZOpenDataCatalogue = z.object({
  licence: z.object({ name: z.string(), url: z.string() }),
  datasets: z.array(
    z.object({
      id: z.string(),
      titleUk: z.string(),
      titleEn: z.string(),
      descriptionUk: z.string(),
      descriptionEn: z.string(),
      formats: z.array(z.object({ format: z.string(), mediaType: z.string(), url: z.string() })),
      schemaUrl: z.string(),
      licenceUrl: z.string(),
      updatedAt: z.string().nullable().describe('the last change recorded in the audit log for this dataset'),
    }),
  ),
});

export const ZDashboard = z.object({
  generatedAt: z.string(),
  fund: z.object({
    years: z.array(
      z.object({
        year: z.int(),
        sources: z.array(z.object({ currency: z.string(), category: z.string(), amount: z.int().describe('minor units') })),
        uses: z.array(z.object({ currency: z.string(), category: z.string(), amount: z.int() })),
      }),
    ),
  }),
  members: z.object({ total: z.int(), byCountry: z.array(z.object({ country: z.string(), count: z.int() })) }),
  residents: z.object({ active: z.int() }),
  localization: z.any().describe('the public localization aggregates (suppressed as on /open-data/localization/aggregates.json)'),
  audit: z.object({ headSeq: z.int(), headHash: z.string(), latestCheckpoint: z.object({ seq: z.int(), headHash: z.string(), signedAt: z.string(), keyId: z.string() }).nullable() }),
});

// Images ------------------------------------------------------------------------------------------

/** The address a post's Markdown uses for an uploaded image. */
export const imageUrl = (id: string) => `/api/v1/public/images/${id}`;

export const ZUploadImageQuery = z.strictObject({
  fileName: zText(200).refine((v) => !/[\\/]/.test(v), 'must be a file name, not a path'),
  altUk: zText(300).describe('what the image shows, in Ukrainian (read aloud by screen readers)'),
  altEn: zText(300).describe('what the image shows, in English'),
});
export type TUploadImageQuery = z.infer<typeof ZUploadImageQuery>;

export const ZPortalImage = z
  .object({
    id: z.uuid(),
    url: z.string().describe('the address to use in Markdown: ![alt](url)'),
    markdownUk: z.string().describe('the Markdown that shows the image with its Ukrainian description'),
    markdownEn: z.string(),
    fileName: z.string(),
    contentType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    sizeBytes: z.int(),
    altUk: z.string(),
    altEn: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PortalImage' });
export type TPortalImage = z.infer<typeof ZPortalImage>;
export const ZPortalImageList = z.object({ items: z.array(ZPortalImage), total: z.int(), limit: z.int(), offset: z.int() });
export const ZPortalImageListQuery = z.strictObject({ ...zPageQuery });
