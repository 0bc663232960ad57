// News feeds, one per language, in Atom (RFC 4287) and RSS 2.0. Written by hand: both formats are a
// few elements, and the test parses what we write and checks every element the specifications require.

export interface FeedPost {
  slug: string;
  title: string;
  summary: string;
  html: string;
  tags: string[];
  publishedAt: Date;
  updatedAt: Date;
}

export interface FeedInfo {
  lang: 'uk' | 'en';
  title: string;
  description: string;
  /** The platform's public address, without a trailing slash. */
  baseUrl: string;
  /** This feed's own address. */
  selfUrl: string;
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function postUrl(info: FeedInfo, slug: string): string {
  return `${info.baseUrl}/news/${slug}?lang=${info.lang}`;
}

/** The Atom feed: newest first; the feed's `updated` is its newest entry's (or now when there is none). */
export function atomFeed(info: FeedInfo, posts: FeedPost[], now = new Date()): string {
  const updated = (posts.length ? new Date(Math.max(...posts.map((p) => p.updatedAt.getTime()))) : now).toISOString();
  const entries = posts.map((post) =>
    [
      '  <entry>',
      `    <id>${xmlEscape(postUrl(info, post.slug))}</id>`,
      `    <title>${xmlEscape(post.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(postUrl(info, post.slug))}"/>`,
      `    <published>${post.publishedAt.toISOString()}</published>`,
      `    <updated>${post.updatedAt.toISOString()}</updated>`,
      ...post.tags.map((tag) => `    <category term="${xmlEscape(tag)}"/>`),
      `    <summary>${xmlEscape(post.summary)}</summary>`,
      `    <content type="html">${xmlEscape(post.html)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${info.lang}">`,
    `  <id>${xmlEscape(info.selfUrl)}</id>`,
    `  <title>${xmlEscape(info.title)}</title>`,
    `  <subtitle>${xmlEscape(info.description)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(info.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${info.baseUrl}/news?lang=${info.lang}`)}"/>`,
    '  <author><name>ADI Platform</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The RSS 2.0 feed, with an atom:link to itself as feed validators ask. */
export function rssFeed(info: FeedInfo, posts: FeedPost[], now = new Date()): string {
  const lastBuild = (posts.length ? new Date(Math.max(...posts.map((p) => p.updatedAt.getTime()))) : now).toUTCString();
  const items = posts.map((post) =>
    [
      '    <item>',
      `      <title>${xmlEscape(post.title)}</title>`,
      `      <link>${xmlEscape(postUrl(info, post.slug))}</link>`,
      `      <guid isPermaLink="true">${xmlEscape(postUrl(info, post.slug))}</guid>`,
      `      <pubDate>${post.publishedAt.toUTCString()}</pubDate>`,
      ...post.tags.map((tag) => `      <category>${xmlEscape(tag)}</category>`),
      `      <description>${xmlEscape(post.html)}</description>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xmlEscape(info.title)}</title>`,
    `    <link>${xmlEscape(`${info.baseUrl}/news?lang=${info.lang}`)}</link>`,
    `    <description>${xmlEscape(info.description)}</description>`,
    `    <language>${info.lang}</language>`,
    `    <lastBuildDate>${lastBuild}</lastBuildDate>`,
    `    <atom:link href="${xmlEscape(info.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
