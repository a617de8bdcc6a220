/** /console/ opens the first page the person may use. */
import { Navigate } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { EmptyState } from '../components/empty-state.js';
import { allowedNav } from './nav-items.js';

export function HomeRedirect() {
  const { data } = useSession();
  const first = allowedNav(data?.permissions ?? [])[0];
  if (first) return <Navigate to={first.path} replace />;
  return <EmptyState title="No console page for your roles">Your roles give you no page of the console yet. An administrator of your workspace can grant more.</EmptyState>;
}
