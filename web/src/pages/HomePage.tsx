// Public landing page: what the platform is, where to sign in, and the public resources.
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { useMe } from '../session';

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
          <Card withBorder padding="lg">
            <Anchor component={Link} to="/register/members" fw={600} data-testid="home-members">
              {t('home.members')}
            </Anchor>
            <Text size="sm" mt="xs">
              {t('home.membersText')}
            </Text>
          </Card>
          <Card withBorder padding="lg">
            <Anchor component={Link} to="/residents" fw={600} data-testid="home-residents">
              {t('home.residents')}
            </Anchor>
            <Text size="sm" mt="xs">
              {t('home.residentsText')}
            </Text>
          </Card>
          <Card withBorder padding="lg">
            <Anchor component={Link} to="/transparency/fund" fw={600}>
              {t('home.fund')}
            </Anchor>
            <Text size="sm" mt="xs">
              {t('home.fundText')}
            </Text>
          </Card>
          <Card withBorder padding="lg">
            <Anchor component={Link} to="/transparency/audit" fw={600}>
              {t('home.transparency')}
            </Anchor>
            <Text size="sm" mt="xs">
              {t('home.transparencyText')}
            </Text>
          </Card>
          <Card withBorder padding="lg">
            {/* /docs is served by the API server, not by this app: a plain link does a full page load. */}
            <Anchor href="/docs" fw={600}>
              {t('home.apiDocs')}
            </Anchor>
            <Text size="sm" mt="xs">
              {t('home.apiDocsText')}
            </Text>
          </Card>
        </SimpleGrid>
      </section>
    </Stack>
  );
}
