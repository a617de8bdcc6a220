/** Pages behind a session: while it is read, a loader; without one, the sign-in page (coming back here after). */
import { Container } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { useSession } from './use-session.js';

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState label="Checking your session…" height={400} />;
  if (session.isError)
    return (
      <Container size="sm" py="xl">
        <ApiErrorAlert error={session.error} title="The console could not check your session" onRetry={() => void session.refetch()} />
      </Container>
    );
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
