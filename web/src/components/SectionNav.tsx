// A section's pages as a row of links under each page's heading (the side navigation names the
// section only). The current page is marked for assistive technology, not by colour alone.
import { Anchor, Group } from '@mantine/core';
import { Link, useLocation } from 'react-router';

/** One page of a section. */
export interface SectionPage {
  path: string;
  label: string;
}

/** The links to a section's pages; the deepest page whose path contains the current one is current (an asset's page belongs to the register). */
export function SectionNav({ label, pages }: { label: string; pages: SectionPage[] }) {
  const { pathname } = useLocation();
  const current = pages
    .filter((p) => pathname === p.path || pathname.startsWith(`${p.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <nav aria-label={label}>
      <Group gap="md" wrap="wrap">
        {pages.map((page) => (
          <Anchor
            key={page.path}
            component={Link}
            to={page.path}
            size="sm"
            fw={page.path === current ? 700 : undefined}
            underline={page.path === current ? 'always' : 'hover'}
            aria-current={page.path === current ? 'page' : undefined}
          >
            {page.label}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
