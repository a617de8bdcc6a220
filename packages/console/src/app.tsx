/** The console's providers: theme (remembered light/dark), server state, notifications, the router under /console/. */
import { type CSSVariablesResolver, MantineProvider, createTheme, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { isUnauthenticated } from './api/errors.js';
import { SESSION_KEY } from './auth/use-session.js';
import { AppRoutes } from './routes.js';

// Shade 9 of teal under white text, and the dimmed text and light variants below, meet WCAG AA's
// 4.5:1 (axe's colour-contrast rule in e2e/console); Mantine's defaults (shade 6, gray 6) do not.
const theme = createTheme({ primaryColor: 'teal', primaryShade: { light: 9, dark: 9 }, defaultRadius: 'sm', focusRing: 'auto' });
const contrastVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  // A field's error (e.g. a refused filter under its box): red 9 on white, red 4 on dark.
  light: { '--mantine-color-dimmed': t.colors.gray[7]!, '--mantine-color-teal-light': t.colors.teal[0]!, '--mantine-color-error': t.colors.red[9]! },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]!, '--mantine-color-error': t.colors.red[4]! },
});
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
    <MantineProvider theme={theme} cssVariablesResolver={contrastVariables} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/console">
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
