// Shows a page only to the roles its section allows (or, for a page of a section that only some of
// the section's roles may open, to those); others get an explanation, not a blank page.
import type { ReactNode } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api';
import { hasAnyRole, sectionByKey, useMe, type SectionKey } from '../session';
import { PageHeading } from './PageHeading';

export function RequireSection({ section, roles, children }: { section: SectionKey; roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // RequireSession above has already ensured a full session.
  if (me && hasAnyRole(me.user, sectionByKey(section).roles) && (!roles || hasAnyRole(me.user, roles))) return children;
  return (
    <Stack align="flex-start">
      <PageHeading documentTitle={t('notAllowed.title')}>{t('notAllowed.title')}</PageHeading>
      <Text>{t('notAllowed.text')}</Text>
      <Button component={Link} to="/app" variant="outline">
        {t('notAllowed.back')}
      </Button>
    </Stack>
  );
}
