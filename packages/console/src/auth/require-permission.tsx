/** A page whose API calls need a permission the person lacks says so instead of failing with 403s. */
import { Outlet } from 'react-router';
import { EmptyState } from '../components/empty-state.js';
import { useSession } from './use-session.js';

export function RequirePermission({ permission }: { permission: string }) {
  const { data } = useSession();
  if (!data?.permissions.includes(permission))
    return <EmptyState title="Not available to you">Your roles do not include {permission}. An administrator of your workspace can grant it.</EmptyState>;
  return <Outlet />;
}
