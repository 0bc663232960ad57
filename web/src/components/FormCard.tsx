// A form on a page of its own kind (enter a need, add a category): a card under its own h2, the form
// named by that heading, browser validation off (the page checks and says what is wrong itself).
import { Card, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

interface FormCardProps {
  id: string;
  title: string;
  /** Called with the default submission already prevented. */
  onSubmit: () => void;
  children: ReactNode;
}

export function FormCard({ id, title, onSubmit, children }: FormCardProps) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      <form
        noValidate
        aria-labelledby={id}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack>{children}</Stack>
      </form>
    </Card>
  );
}
