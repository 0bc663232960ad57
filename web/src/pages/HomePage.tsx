// Public landing page: what the platform is, where to sign in, and the public resources.
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { useMe } from '../session';

/** The public pages and the API documentation, each with its title and text under `home`. */
const PUBLIC_LINKS: readonly { key: 'members' | 'residents' | 'fund' | 'localization' | 'transparency' | 'apiDocs'; to: string }[] = [
  { key: 'members', to: '/register/members' },
  { key: 'residents', to: '/residents' },
  { key: 'fund', to: '/transparency/fund' },
  { key: 'localization', to: '/localization' },
  { key: 'transparency', to: '/transparency/audit' },
  { key: 'apiDocs', to: '/docs' },
];

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const signedIn = me?.session.stage === 'full';
  return (
    <Stack gap="lg">
      <PageHeading documentTitle={t('home.title')}>{t('app.fullName')}</PageHeading>
      <Text size="lg" maw={760}>
        {t('home.intro')}
      </Text>
      <Group>
        {signedIn ? (
          <Button component={Link} to="/app" size="md">
            {t('home.openApp')}
          </Button>
        ) : (
          <Button component={Link} to="/sign-in" size="md">
            {t('home.signIn')}
          </Button>
        )}
      </Group>
      <section aria-labelledby="home-links">
        <Title order={2} id="home-links" size="h3" mb="sm">
          {t('home.linksHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {PUBLIC_LINKS.map((link) => (
            <Card key={link.key} withBorder padding="lg">
              {/* /docs is served by the API server, not by this app: a plain link does a full page load. */}
              {link.to === '/docs' ? (
                <Anchor href={link.to} fw={600}>
                  {t(`home.${link.key}`)}
                </Anchor>
              ) : (
                <Anchor component={Link} to={link.to} fw={600} data-testid={`home-${link.key}`}>
                  {t(`home.${link.key}`)}
                </Anchor>
              )}
              <Text size="sm" mt="xs">
                {t(`home.${link.key}Text`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
