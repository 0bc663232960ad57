// HTML the server rendered from Markdown and sanitized (a post's body, an FAQ answer), in Mantine's
// typography so headings, lists, links and code read as the rest of the page.
import { Typography } from '@mantine/core';

export function RenderedText({ html, testId }: { html: string; testId?: string }) {
  // Sanitized by the server (src/modules/portal/markdown.ts): raw HTML in the Markdown arrives as text.
  return <Typography className="rendered-text" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
