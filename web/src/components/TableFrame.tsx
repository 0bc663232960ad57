// Wraps a wide table so it scrolls sideways on small screens. The scroll region is
// focusable and named so keyboard users can scroll it too (axe: scrollable-region-focusable).
import type { ReactNode } from 'react';

export function TableFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}
