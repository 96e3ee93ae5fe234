import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { ComplaintPage } from '../features/complaint/routes/complaint-page.js';
import { complaintSearchSchema } from '../features/complaint/search.js';
import { dashboardSearchSchema } from '../features/dashboard/search.js';
import { QueuePage } from '../features/queue/routes/queue-page.js';
import { queueSearchSchema } from '../features/queue/search.js';
import { Shell } from './shell.js';
import { useUser } from './user.js';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Shell });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/queue' });
  },
});

const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queue',
  validateSearch: queueSearchSchema,
  component: function QueueRoute() {
    return <QueuePage user={useUser()} />;
  },
});

const complaintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/complaints/$complaintId',
  validateSearch: complaintSearchSchema,
  component: ComplaintPage,
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

const routeTree = rootRoute.addChildren([indexRoute, queueRoute, complaintRoute, dashboardRoute]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
