/** The console's providers: theme (remembered light/dark), server state, notifications, the router under /console/. */
import { MantineProvider, createTheme, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { isUnauthenticated } from './api/errors.js';
import { SESSION_KEY } from './auth/use-session.js';
import { AppRoutes } from './routes.js';

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm', focusRing: 'auto' });
const colorSchemeManager = localStorageColorSchemeManager({ key: 'mantine-color-scheme-value' });

const queryClient: QueryClient = new QueryClient({
  // A session that ended (expired, signed out elsewhere) sends the person back to the sign-in page.
  queryCache: new QueryCache({
    onError: (error) => {
      if (isUnauthenticated(error)) queryClient.setQueryData(SESSION_KEY, null);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      retry: (failures, error) => !isUnauthenticated(error) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/console">
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
