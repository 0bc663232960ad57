// Public landing page: what the platform is, where to sign in, the latest news, and the public resources.
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { useMe } from '../session';
import { LatestNews } from './portal/LatestNews';

/** The portal's pages, first among the links; titles and texts under `portal.home`. */
const PORTAL_LINKS: readonly { key: 'transparency' | 'faq' | 'openData'; to: string }[] = [
  { key: 'transparency', to: '/transparency' },
  { key: 'faq', to: '/faq' },
  { key: 'openData', to: '/open-data' },
];

/** The public pages and the API documentation, each with its title and text under `home`. */
const PUBLIC_LINKS: readonly { key: 'members' | 'residents' | 'awards' | 'fund' | 'localization' | 'events' | 'transparency' | 'apiDocs'; to: string }[] = [
  { key: 'members', to: '/register/members' },
  { key: 'residents', to: '/residents' },
  { key: 'awards', to: '/register/awards' },
  { key: 'fund', to: '/transparency/fund' },
  { key: 'localization', to: '/localization' },
  { key: 'events', to: '/events' },
  { key: 'transparency', to: '/transparency/audit' },
  { key: 'apiDocs', to: '/docs' },
];

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const signedIn = me?.session.stage === 'full';
  const cards = [
    ...PORTAL_LINKS.map((link) => ({ id: `portal-${link.key}`, to: link.to, title: t(`portal.home.${link.key}`), text: t(`portal.home.${link.key}Text`) })),
    ...PUBLIC_LINKS.map((link) => ({ id: link.key, to: link.to, title: t(`home.${link.key}`), text: t(`home.${link.key}Text`) })),
  ];
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
      <LatestNews />
      <section aria-labelledby="home-links">
        <Title order={2} id="home-links" size="h3" mb="sm">
          {t('home.linksHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {cards.map((link) => (
            <Card key={link.id} withBorder padding="lg">
              {/* /docs is served by the API server, not by this app: a plain link does a full page load. */}
              {link.to === '/docs' ? (
                <Anchor href={link.to} fw={600}>
                  {link.title}
                </Anchor>
              ) : (
                <Anchor component={Link} to={link.to} fw={600} data-testid={`home-${link.id}`}>
                  {link.title}
                </Anchor>
              )}
              <Text size="sm" mt="xs">
                {link.text}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
