import '@mantine/core/styles.css';
import './app/app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleProvider, startingLocale } from './app/locale.js';
import { createAppRouter } from './app/router.js';
import { cssVariablesResolver, theme } from './app/theme.js';
import { sessionQuery } from './lib/session.js';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: (count, error) => count < 2 && !('status' in error) } },
});
// Who is signed in is the first thing every page needs: asked for before React renders anything.
void queryClient.prefetchQuery(sessionQuery);
const router = createAppRouter(queryClient);
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The first language's catalogue arrives alongside the session; React renders once it is here.
void startingLocale().then((initial) =>
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={queryClient}>
          <LocaleProvider initial={initial}>
            <RouterProvider router={router} />
          </LocaleProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
