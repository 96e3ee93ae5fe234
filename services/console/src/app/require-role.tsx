import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Role } from '../lib/session.js';
import { useUser } from './user.js';

/**
 * A page only some roles may open: anyone else sees a plain "not allowed" page (the console's
 * server refuses their API calls too, and the services check again).
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const user = useUser();
  if (user.roles.some((role) => roles.includes(role))) return children;
  return (
    <Stack gap="md">
      <Title order={1}>
        <FormattedMessage id="notAllowed.title" />
      </Title>
      <Alert color="red" role="alert">
        <FormattedMessage
          id="notAllowed.detail"
          values={{ needed: roles.join(', '), roles: user.roles.join(', ') || '—' }}
        />
      </Alert>
      <Anchor component={Link} to="/">
        <FormattedMessage id="notAllowed.back" />
      </Anchor>
    </Stack>
  );
}
