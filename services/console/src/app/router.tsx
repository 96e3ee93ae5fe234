import { Loader } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Navigate } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { ComplaintPage } from '../features/complaint/routes/complaint-page.js';
import { complaintSearchSchema } from '../features/complaint/search.js';
import { OperatorPage } from '../features/operator/routes/operator-page.js';
import { QueuePage } from '../features/queue/routes/queue-page.js';
import { queueSearchSchema } from '../features/queue/search.js';
import type { Role } from '../lib/session.js';
import { RequireRole } from './require-role.js';
import { Shell } from './shell.js';
import { useUser } from './user.js';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Shell });

const deskRoles: Role[] = ['agent', 'supervisor'];

// The first page a role has: the queue for the desk, the operator page for an admin only.
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: function IndexRoute() {
    const user = useUser();
    return <Navigate to={user.roles.some((r) => deskRoles.includes(r)) ? '/queue' : '/admin'} replace />;
  },
});

const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queue',
  validateSearch: queueSearchSchema,
  component: function QueueRoute() {
    return (
      <RequireRole roles={deskRoles}>
        <QueuePage user={useUser()} />
      </RequireRole>
    );
  },
});

const complaintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/complaints/$complaintId',
  validateSearch: complaintSearchSchema,
  component: function ComplaintRoute() {
    return (
      <RequireRole roles={deskRoles}>
        <ComplaintPage />
      </RequireRole>
    );
  },
});

// Admins only: others get the "not allowed" page (and the server's 403 on /api/admin).
const operatorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  component: function OperatorRoute() {
    return (
      <RequireRole roles={['admin']}>
        <OperatorPage />
      </RequireRole>
    );
  },
});

// The standard answers page and the knowledge schemas load when it is first opened.
const KnowledgePage = lazy(async () => ({
  default: (await import('../features/knowledge/routes/knowledge-page.js')).KnowledgePage,
}));

// Standard answers: supervisors write them, agents read the published ones (the knowledge service decides).
const knowledgeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/knowledge',
  component: function KnowledgeRoute() {
    return (
      <RequireRole roles={deskRoles}>
        <Suspense fallback={<Loader role="status" aria-label="…" size="sm" />}>
          <KnowledgePage />
        </Suspense>
      </RequireRole>
    );
  },
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  queueRoute,
  complaintRoute,
  operatorRoute,
  knowledgeRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
