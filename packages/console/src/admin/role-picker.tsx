/** The roles to grant, chosen from GET /admin/v1/roles, offering only what the person may grant in the workspace. */
import { MultiSelect } from '@mantine/core';
import { useSession } from '../auth/use-session.js';
import { grantableRoles } from './role-choice.js';
import { useRoles } from './use-admin.js';

export function RolePicker({ workspaceId, value, onChange, error }: { workspaceId: string; value: string[]; onChange: (roles: string[]) => void; error?: string }) {
  const { data: session } = useSession();
  const canReadRoles = session?.permissions.includes('platform.roles.view') ?? false;
  const roles = useRoles(canReadRoles);
  const names = grantableRoles(
    (roles.data ?? []).map((r) => r.name),
    session?.permissions ?? [],
    session?.user.workspaceId ?? '',
    workspaceId,
  );
  const descriptions = new Map((roles.data ?? []).map((r) => [r.name, r.description]));
  return (
    <MultiSelect
      label="Roles"
      description={canReadRoles ? 'None grants no permission.' : 'Your roles do not include platform.roles.view: the roles cannot be listed.'}
      data={names.map((name) => ({ value: name, label: name }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      error={error ?? (roles.isError ? 'The roles could not be read.' : undefined)}
      renderOption={({ option }) => (
        <div>
          <div>{option.label}</div>
          <div style={{ fontSize: 'var(--mantine-font-size-xs)', opacity: 0.85 }}>{descriptions.get(option.value)}</div>
        </div>
      )}
      style={{ flex: '1 1 320px' }}
    />
  );
}
