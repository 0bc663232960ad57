// Every page renders exactly one of these: its h1, which also drives document.title.
import { Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeadingProps {
  /** Visible h1 text. */
  children: ReactNode;
  /** Short page name for the browser tab; `children` must then be plain text or this is required. */
  documentTitle: string;
}

export function PageHeading({ children, documentTitle }: PageHeadingProps) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${documentTitle} · ${appName}`;
  }, [documentTitle, appName]);
  return (
    <Title order={1} data-testid="page-title" mb="md">
      {children}
    </Title>
  );
}
