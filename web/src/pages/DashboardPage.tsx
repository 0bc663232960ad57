// Signed-in home: who you are, and cards for the sections your roles open.
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { RoleBadges } from '../components/RoleBadges';
import { allowedSections, isCompanyUser, useMe } from '../session';
import { RegisterYourCompanyCard } from './OrganizationsPage';

export function DashboardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null; // RequireSession renders this page only with a session.
  const { user } = me;

  const cards = [
    ...allowedSections(user).map((section) => ({
      path: section.path,
      title: t(`sections.${section.key}.title`),
      description: t(`sections.${section.key}.description`),
    })),
    {
      path: '/transparency/audit',
      title: t('sections.transparency.title'),
      description: t('sections.transparency.description'),
    },
  ];

  return (
    <Stack gap="lg">
      <PageHeading documentTitle={t('dashboard.title')}>
        {t('dashboard.greeting', { name: user.displayName })}
      </PageHeading>

      <Card withBorder padding="md" component="section" aria-labelledby="profile-heading">
        <Title order={2} size="h4" id="profile-heading" className="visually-hidden">
          {t('account.profileHeading')}
        </Title>
        <Stack gap="xs">
          <Group gap="xs">
            <Text fw={600}>{t('dashboard.roles')}:</Text>
            <RoleBadges roles={user.roles} />
          </Group>
          <Group gap="xs">
            <Text fw={600}>{t('dashboard.organization')}:</Text>
            <Text>{user.organizationName ?? t('dashboard.noOrganization')}</Text>
          </Group>
        </Stack>
      </Card>

      {isCompanyUser(user) && !user.organizationId && <RegisterYourCompanyCard />}

      <section aria-labelledby="sections-heading">
        <Title order={2} size="h3" id="sections-heading" mb="sm">
          {t('dashboard.sectionsHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {cards.map((card) => (
            <Card key={card.path} withBorder padding="lg">
              <Title order={3} size="h4" mb="xs">
                <Anchor component={Link} to={card.path}>
                  {card.title}
                </Anchor>
              </Title>
              <Text size="sm">{card.description}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
