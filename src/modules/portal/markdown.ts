import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Posts and answers are written in Markdown by officers and shown to everyone. Two locks on the door:
// the parser keeps raw HTML as text (`html: false`) and refuses script-like link targets, and the
// output then goes through an allowlist, so a `<script>`, an `<iframe>`, an `onerror=` or a
// `javascript:` URL never reaches a visitor even if one slipped past the parser.

const parser = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const ALLOWED_TAGS = ['p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

/** The address of an image uploaded for posts (portal/schema.ts imageUrl). */
const OWN_IMAGE = /^\/api\/v1\/public\/images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title', 'loading'], th: ['style'], td: ['style'], ol: ['start'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Links leave the platform without the visitor's referrer or a handle on this window.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }), img: sanitizeHtml.simpleTransform('img', { loading: 'lazy' }) },
  // Images come from the platform's own image store only: the pages' Content-Security-Policy would
  // refuse others, and an outside image would tell its host who reads the post.
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
  disallowedTagsMode: 'discard',
};

/** Safe HTML for a Markdown text: headings start at h2 (the page has its own h1). */
export function renderMarkdown(markdown: string): string {
  const html = parser.render(markdown).replace(/<(\/?)h1>/g, '<$1h2>');
  return sanitizeHtml(html, SANITIZE).trim();
}

/** Plain text of a Markdown text (feed summaries, meta descriptions): tags dropped, whitespace collapsed. */
export function markdownToText(markdown: string, maxLength = 300): string {
  const text = sanitizeHtml(parser.render(markdown), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
