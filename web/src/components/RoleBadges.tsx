// Translated role names as badges.
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api';

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="light" color="blue" tt="none" miw="max-content">
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
