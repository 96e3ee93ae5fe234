import { Loader } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Navigate } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { auditTrailQuery, complaintQuery } from '../features/complaint/api/get-complaint.js';
import { ComplaintPage } from '../features/complaint/routes/complaint-page.js';
import { complaintSearchSchema } from '../features/complaint/search.js';
import { dashboardSearchSchema } from '../features/dashboard/search.js';
import { OperatorPage } from '../features/operator/routes/operator-page.js';
import { complaintsQuery } from '../features/queue/api/get-complaints.js';
import { QueuePage } from '../features/queue/routes/queue-page.js';
import { type QueueSearch, type QueueUser, queueSearchSchema } from '../features/queue/search.js';
import { type Role, sessionQuery } from '../lib/session.js';
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
  loaderDeps: ({ search }) => search,
  // The list is asked for alongside the session, not after the shell has rendered: a view that does
  // not name the user at once, `mine` and `team` as soon as the session answers. Not awaited: the
  // page's own query takes the same request over.
  loader: ({ context: { queryClient }, deps }) => {
    const prefetch = (search: QueueSearch, user: QueueUser) => {
      if (search.view === 'team' && !user.team) return;
      void queryClient.prefetchQuery(complaintsQuery(search, user));
    };
    if (deps.view === 'mine' || deps.view === 'team') {
      void queryClient.ensureQueryData(sessionQuery).then((user) => user && prefetch(deps, user));
    } else prefetch(deps, { id: '' });
  },
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
  // The complaint and its audit trail are asked for alongside the session (and on a link's hover).
  loader: ({ context: { queryClient }, params }) => {
    void queryClient.prefetchQuery(complaintQuery(params.complaintId));
    void queryClient.prefetchQuery(auditTrailQuery(params.complaintId));
  },
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

// The morning view and its charts load on their own (a lazy chunk): the desk's first load stays small.
const DashboardPage = lazy(() => import('../features/dashboard/routes/dashboard-page.js'));
const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboard',
  validateSearch: dashboardSearchSchema,
  component: function DashboardRoute() {
    const user = useUser();
    return (
      <Suspense fallback={null}>
        <DashboardPage user={user} />
      </Suspense>
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
  dashboardRoute,
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
