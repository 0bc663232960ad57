// Every page renders exactly one of these: its h1, which also drives document.title and the description.
import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageMeta } from '../meta';

interface PageHeadingProps {
  /** Visible h1 text. */
  children: ReactNode;
  /** Short page name for the browser tab; `children` must then be plain text or this is required. */
  documentTitle: string;
  /** The page's <meta name="description"> (public pages; defaults to the one listed for its address in meta.ts). */
  description?: string;
}

export function PageHeading({ children, documentTitle, description }: PageHeadingProps) {
  usePageMeta(documentTitle, description);
  return (
    <Title order={1} data-testid="page-title" mb="md">
      {children}
    </Title>
  );
}
