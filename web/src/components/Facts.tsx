// A record's facts as read: a description list laid out in columns, a label above each value.
import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The list; its children are `Fact`s. */
export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0} data-testid={testId}>
      {children}
    </SimpleGrid>
  );
}

/** One fact: its label (dt) and its value (dd). */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}
