// A part of a page under its own h2, named by it for assistive technology.
import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function TitledSection({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <Stack component="section" aria-labelledby={id} gap="sm" data-testid={testId}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
