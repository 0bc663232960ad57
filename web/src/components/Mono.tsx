// Hashes, keys and IDs: monospaced and wrapped anywhere, so long values never force scrolling.
// Short identifiers such as action names pass `nowrap` instead, to stay readable as one word.
import { Code } from '@mantine/core';

interface MonoProps {
  children: string;
  block?: boolean;
  nowrap?: boolean;
  testId?: string;
}

export function Mono({ children, block = false, nowrap = false, testId }: MonoProps) {
  const style = nowrap
    ? { whiteSpace: 'nowrap' as const }
    : { wordBreak: 'break-all' as const, whiteSpace: block ? ('pre-wrap' as const) : undefined };
  return (
    <Code block={block} data-testid={testId} style={style}>
      {children}
    </Code>
  );
}
