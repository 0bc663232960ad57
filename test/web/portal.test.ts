import fc from 'fast-check';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ZCreateFaqBody, ZCreatePostBody, ZUpdatePostBody } from '../../src/modules/portal/schema.ts';
import { formatMoneyCompact } from '../../web/src/money.ts';
import {
  EMPTY_FAQ,
  EMPTY_POST,
  faqErrors,
  faqInput,
  fromLocalInput,
  parseTags,
  postChanges,
  postErrors,
  postInput,
  slugFrom,
  toLocalInput,
  type FaqValues,
  type PostValues,
} from '../../web/src/portal.ts';

// The portal's forms check in the browser what the server checks: whatever the post and FAQ forms
// accept, the server's schemas accept too, and what they refuse is named by field.

const t = ((key: string) => key) as unknown as TFunction;

const post = (changes: Partial<PostValues> = {}): PostValues => ({
  ...EMPTY_POST,
  slug: 'founding-forum-kyiv',
  titleUk: 'Форум у Києві',
  titleEn: 'The forum in Kyiv',
  bodyUk: '**252** компанії.',
  bodyEn: '**252** companies.',
  tags: 'forum, kyiv',
  ...changes,
});

const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const text = fc.string({ maxLength: 60 });

describe('the post form', () => {
  it('sends what it accepts in the shape the server takes', () => {
    expect(postErrors(post(), t)).toEqual({});
    expect(postInput(post({ titleEn: '  The forum  ', tags: 'forum kyiv,forum' }))).toMatchObject({ titleEn: 'The forum', tags: ['forum', 'kyiv'] });
    expect(ZCreatePostBody.safeParse(postInput(post())).success).toBe(true);
  });

  it('names the field that is wrong', () => {
    expect(postErrors(post({ slug: 'Not A Slug' }), t)).toEqual({ slug: 'portal.editor.slugRule' });
    expect(postErrors(post({ slug: 'ab' }), t)).toEqual({ slug: 'portal.editor.slugRule' });
    expect(postErrors(post({ bodyEn: '   ' }), t)).toEqual({ bodyEn: 'validation.required' });
    expect(postErrors(post({ tags: 'forum, X' }), t)).toEqual({ tags: 'portal.editor.tagRule' });
    expect(postErrors(post({ tags: Array.from({ length: 13 }, (_, i) => `tag${i}`).join(',') }), t)).toEqual({ tags: 'portal.editor.tooManyTags' });
    expect(postErrors(post({ summaryUk: 'я'.repeat(501) }), t)).toEqual({ summaryUk: 'portal.editor.tooLong' });
  });

  it('never accepts what the server refuses', () => {
    fc.assert(
      fc.property(
        fc.record({
          slug: fc.oneof(fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('-')), text),
          titleUk: text,
          titleEn: text,
          summaryUk: text,
          summaryEn: text,
          bodyUk: text,
          bodyEn: text,
          tags: fc.oneof(fc.array(word, { maxLength: 14 }).map((tags) => tags.join(', ')), text),
        }),
        (values) => {
          if (Object.keys(postErrors(values, t)).length === 0) expect(ZCreatePostBody.safeParse(postInput(values)).success, JSON.stringify(values)).toBe(true);
        },
      ),
    );
  });

  it('sends only what changed, and never an unchanged address', () => {
    const before = postInput(post());
    expect(postChanges(before, before)).toEqual({});
    const changes = postChanges(before, postInput(post({ titleEn: 'A new title', tags: 'forum' })));
    expect(changes).toEqual({ titleEn: 'A new title', tags: ['forum'] });
    expect(ZUpdatePostBody.safeParse({ version: 3, ...changes }).success).toBe(true);
  });

  it('suggests an address from a title, or none', () => {
    expect(slugFrom('The Founding Forum — Kyiv, 2024!')).toBe('the-founding-forum-kyiv-2024');
    expect(slugFrom('Café résumé')).toBe('cafe-resume');
    expect(slugFrom('Форум')).toBe('');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (title) => {
        const slug = slugFrom(title);
        if (slug.length >= 3) expect(ZCreatePostBody.shape.slug.safeParse(slug).success, slug).toBe(true);
      }),
    );
  });

  it('reads tags separated by commas or spaces, once each', () => {
    expect(parseTags(' forum,, kyiv  forum ')).toEqual(['forum', 'kyiv']);
    expect(parseTags('')).toEqual([]);
  });

  it('turns the date-time picker into an instant and back, to the minute', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (date) => {
        const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
        expect(fromLocalInput(toLocalInput(minute))).toBe(minute.toISOString());
      }),
    );
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});

describe('the FAQ form', () => {
  const entry = (changes: Partial<FaqValues> = {}): FaqValues => ({
    ...EMPTY_FAQ,
    groupKey: 'fund',
    groupUk: 'Фонд',
    groupEn: 'The fund',
    questionUk: 'Хто перевіряє фонд?',
    questionEn: 'Who audits the fund?',
    answerUk: 'Аудитори.',
    answerEn: 'Auditors.',
    ...changes,
  });

  it('sends what it accepts in the shape the server takes, and names what is wrong', () => {
    expect(faqErrors(entry(), t)).toEqual({});
    expect(ZCreateFaqBody.safeParse(faqInput(entry({ sortOrder: ' 35 ' }))).data).toMatchObject({ sortOrder: 35, published: true });
    expect(faqErrors(entry({ groupKey: 'The Fund' }), t)).toEqual({ groupKey: 'portal.faqEditor.groupKeyRule' });
    expect(faqErrors(entry({ sortOrder: '3.5' }), t)).toEqual({ sortOrder: 'portal.faqEditor.sortOrderRule' });
    expect(faqErrors(entry({ sortOrder: '1000001' }), t)).toEqual({ sortOrder: 'portal.faqEditor.sortOrderRule' });
    expect(faqErrors(entry({ answerEn: '' }), t)).toEqual({ answerEn: 'validation.required' });
  });

  it('never accepts what the server refuses', () => {
    fc.assert(
      fc.property(
        fc.record({ groupKey: fc.oneof(word, text), groupUk: text, groupEn: text, questionUk: text, questionEn: text, answerUk: text, answerEn: text, sortOrder: fc.oneof(fc.nat(2_000_000).map(String), text), published: fc.boolean() }),
        (values) => {
          if (Object.keys(faqErrors(values, t)).length === 0) expect(ZCreateFaqBody.safeParse(faqInput(values)).success, JSON.stringify(values)).toBe(true);
        },
      ),
    );
  });
});

describe('compact money for chart axes', () => {
  it('reads major units shortly in both languages', () => {
    expect(formatMoneyCompact(1_500_000_000_00, 'UAH', 'en')).toBe('1.5bn');
    expect(formatMoneyCompact(2_000_000_00, 'EUR', 'en')).toBe('2m');
    expect(formatMoneyCompact(1_500_000_000_00, 'UAH', 'uk')).toMatch(/^1,5\s*млрд$/);
    expect(formatMoneyCompact(0, 'JPY', 'en')).toBe('0');
  });
});
