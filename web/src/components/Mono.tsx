// Hashes, keys and IDs: monospaced and wrapped anywhere, so long values never force scrolling.
import { Code } from '@mantine/core';

export function Mono({ children, block = false, testId }: { children: string; block?: boolean; testId?: string }) {
  return (
    <Code
      block={block}
      data-testid={testId}
      style={{ wordBreak: 'break-all', whiteSpace: block ? 'pre-wrap' : undefined }}
    >
      {children}
    </Code>
  );
}
