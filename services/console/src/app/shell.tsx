import {
  Alert,
  AppShell,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isLocale, localeNames, locales } from '../i18n/locales.js';
import type { MessageId } from '../i18n/messages/en.js';
import { useLiveUpdates } from '../lib/live-updates.js';
import { type Role, type SessionUser, signInUrl, signOut, useSession } from '../lib/session.js';
import { useLocale } from './locale.js';
import { UserContext } from './user.js';

/** What each role may open; the services enforce the same rules again. */
const navigation: {
  to: '/queue' | '/dashboard' | '/knowledge' | '/admin';
  label: MessageId;
  roles: Role[];
}[] = [
  { to: '/queue', label: 'nav.queue', roles: ['agent', 'supervisor'] },
  { to: '/knowledge', label: 'knowledge.nav', roles: ['agent', 'supervisor'] },
  { to: '/dashboard', label: 'dashboard.nav', roles: ['supervisor'] },
  { to: '/admin', label: 'nav.admin', roles: ['admin'] },
];

export function navigationFor(user: SessionUser) {
  return navigation.filter((item) => item.roles.some((role) => user.roles.includes(role)));
}

function LanguageSwitch() {
  const intl = useIntl();
  const { locale, setLocale } = useLocale();
  return (
    <Select
      aria-label={intl.formatMessage({ id: 'language.label' })}
      data={locales.map((l) => ({ value: l, label: localeNames[l] }))}
      value={locale}
      onChange={(value) => {
        if (isLocale(value)) setLocale(value);
      }}
      allowDeselect={false}
      w={150}
      size="xs"
    />
  );
}

function Header({ user }: { user: SessionUser | null }) {
  return (
    <Group h="100%" px="md" justify="space-between">
      <Title order={2} size="h4">
        <FormattedMessage id="app.title" />
      </Title>
      <Group gap="sm">
        <LanguageSwitch />
        {user && (
          <>
            <Text size="sm">
              <FormattedMessage id="session.signedInAs" values={{ name: user.name }} />
            </Text>
            <Button size="xs" variant="default" onClick={() => void signOut()}>
              <FormattedMessage id="session.signOut" />
            </Button>
          </>
        )}
      </Group>
    </Group>
  );
}

function Frame({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const intl = useIntl();
  const items = user ? navigationFor(user) : [];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={user ? { width: 200, breakpoint: 'sm' } : undefined}
      padding="md"
    >
      <a href="#main" className="skip-link">
        <FormattedMessage id="app.skipToContent" />
      </a>
      <AppShell.Header>
        <Header user={user} />
      </AppShell.Header>
      {user && (
        <AppShell.Navbar p="xs" component="nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={<FormattedMessage id={item.label} />}
              active={pathname.startsWith(item.to)}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}

/** The layout of every page: who is signed in, the navigation their roles allow, the language switch. */
export function Shell() {
  const session = useSession();
  useLiveUpdates(Boolean(session.data));
  const href = useRouterState({ select: (s) => s.location.href });
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Frame user={null}>
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: session.error.message }} />
        </Alert>
      </Frame>
    );
  }
  const user = session.data;
  if (!user) {
    return (
      <Frame user={null}>
        <Center mt="xl">
          <Stack align="center">
            <Button component="a" href={signInUrl(href)} size="md">
              <FormattedMessage id="session.signIn" />
            </Button>
          </Stack>
        </Center>
      </Frame>
    );
  }
  return (
    <UserContext.Provider value={user}>
      <Frame user={user}>
        {navigationFor(user).length === 0 ? (
          <Text>
            <FormattedMessage id="nav.noPages" values={{ roles: user.roles.join(', ') }} />
          </Text>
        ) : (
          <Outlet />
        )}
      </Frame>
    </UserContext.Provider>
  );
}
