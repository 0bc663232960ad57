import { z } from 'zod';

// C0 controls other than tab and newline, DEL, C1 controls, and the non-characters U+FFFE/U+FFFF.
// PostgreSQL cannot store NUL, and none of these belong in a name or a title.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

/** True for text PostgreSQL can store and people can read: well-formed UTF-16, no control characters. */
export function isCleanText(value: string): boolean {
  return value.isWellFormed() && !CONTROL_CHARACTERS.test(value);
}

/** A required single-line text field of at most `max` characters, trimmed and NFC-normalized. */
export function zText(max: number) {
  return z
    .string()
    .max(max * 4)
    .refine(isCleanText, 'must not contain control characters or unpaired surrogates')
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max))
    .refine((v) => !/[\r\n\t]/.test(v), 'must be a single line');
}

/** An optional free-text filter in a query string (search words, action prefixes): clean text only. */
export function zFilterText(max: number) {
  return z.string().max(max).refine(isCleanText, 'must not contain control characters or unpaired surrogates').optional();
}

/** An e-mail address, compared and stored in lower case. */
export const zEmail = z
  .string()
  .max(254)
  .refine(isCleanText, 'must not contain control characters')
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email('must be an e-mail address'));

/** A password: 12 to 256 characters, any script. */
export const zPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters')
  .refine((v) => v.isWellFormed() && !v.includes('\u0000'), 'must not contain NUL or unpaired surrogates');

/** A record id (UUID) in a path. */
export const zIdParams = z.strictObject({ id: z.uuid('must be a UUID') });

/** limit/offset pagination in a query string. */
export const zPageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** The body of every error answer (RFC 9457). */
export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .meta({ id: 'Problem' });

/** Standard error answers for a route's OpenAPI description. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, ZProblem])) as Record<number, typeof ZProblem>;
}
