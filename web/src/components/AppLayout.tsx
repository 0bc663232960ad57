// The page frame: header (name, language, account), the public pages' links outside the workspace,
// section navigation for signed-in users, and the main landmark that the skip link jumps to.
import { AppShell, Anchor, Burger, Button, Container, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api';
import { allowedSections, setMe, useMe } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { Loading } from './Loading';
import { PublicNav } from './PublicNav';

export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [navOpened, nav] = useDisclosure(false);

  const fullSession = me?.session.stage === 'full';
  const showNav = fullSession && location.pathname.startsWith('/app');

  // On small screens the navigation is an overlay; close it once the user has picked a page.
  // Keyed on the path only: closing on every render would undo the burger's toggle.
  const { close: closeNav } = nav;
  useEffect(() => {
    closeNav();
  }, [location.pathname]);

  const signOut = useMutation({
    mutationFn: api.logout,
    // Signed out either way: even if the request failed, forget everything we cached about the user.
    onSettled: () => {
      navigate('/');
      queryClient.removeQueries();
      setMe(queryClient, null);
    },
  });

  const navItems = me
    ? [
        { path: '/app', label: t('layout.dashboard') },
        ...allowedSections(me.user).map((section) => ({
          path: section.path,
          label: t(`sections.${section.key}.title`),
        })),
      ]
    : [];

  // The deepest section containing the current page is the active one (an organization's page
  // belongs to Organizations; the deadlines page to Deadlines rather than Membership).
  const activePath = navItems
    .map((item) => item.path)
    .filter((path) => location.pathname === path || (path !== '/app' && location.pathname.startsWith(`${path}/`)))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <>
      <a href="#main-content" className="skip-link">
        {t('layout.skipToContent')}
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened, desktop: !showNav } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              {showNav && (
                <Burger
                  opened={navOpened}
                  onClick={nav.toggle}
                  hiddenFrom="sm"
                  size="sm"
                  aria-label={t('layout.toggleNav')}
                  aria-expanded={navOpened}
                  aria-controls="main-navigation"
                />
              )}
              <Anchor component={Link} to="/" fw={700} size="lg" c="dark.9" underline="never">
                {t('app.name')}
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              {me ? (
                <>
                  <Text size="sm" visibleFrom="md">
                    <span className="visually-hidden">{t('layout.signedInAs')} </span>
                    {me.user.email}
                  </Text>
                  <Button
                    variant="default"
                    size="xs"
                    data-testid="sign-out"
                    loading={signOut.isPending}
                    onClick={() => signOut.mutate()}
                  >
                    {t('layout.signOut')}
                  </Button>
                </>
              ) : (
                location.pathname !== '/sign-in' && (
                  <Button component={Link} to="/sign-in" size="xs">
                    {t('layout.signIn')}
                  </Button>
                )
              )}
            </Group>
          </Group>
        </AppShell.Header>

        {showNav && (
          <AppShell.Navbar p="sm" id="main-navigation" component="nav" aria-label={t('layout.mainNav')}>
            {navItems.map((item) => {
              const active = item.path === activePath;
              return (
                <NavLink
                  key={item.path}
                  // An explicit variant routes the colors through the theme's contrast-safe resolver.
                  variant="light"
                  component={Link}
                  to={item.path}
                  label={item.label}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                />
              );
            })}
            <NavLink component={Link} to="/register/members" label={t('layout.membersRegister')} />
            <NavLink component={Link} to="/residents" label={t('layout.residentsRegister')} />
            <NavLink component={Link} to="/register/awards" label={t('layout.awardsRegister')} />
            <NavLink component={Link} to="/transparency/fund" label={t('layout.fund')} />
            <NavLink component={Link} to="/localization" label={t('layout.localization')} />
            <NavLink component={Link} to="/events" label={t('layout.events')} />
            <NavLink component={Link} to="/transparency/audit" label={t('layout.transparency')} />
          </AppShell.Navbar>
        )}

        <AppShell.Main>
          <Container size="lg" px={0}>
            {/* The public pages' links (the workspace has its side navigation instead); the skip link jumps past them. */}
            {!location.pathname.startsWith('/app') && <PublicNav />}
            <div id="main-content" tabIndex={-1}>
              {/* Pages other than the home page load on first visit (lazyPage.ts). */}
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </div>
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
