/**
 * The workspace an administration page works on, in the URL (`?workspace=…`): the person's own by
 * default; the operator, who reaches every workspace, chooses another in a Select.
 */
import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { useWorkspaces } from './use-admin.js';
import { workspaceRows } from './workspace-tree.js';

export function useChosenWorkspace(): [string, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const { data: session } = useSession();
  const chosen = params.get('workspace') ?? session?.user.workspaceId ?? '';
  const choose = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('workspace', id);
      return next;
    });
  return [chosen, choose];
}

export function WorkspaceSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { data: session } = useSession();
  const workspaces = useWorkspaces();
  const rows = workspaceRows(workspaces.data ?? []);
  // The operator reaches every workspace: the Select holds its place while they are read, so nothing below moves when they come.
  const operator = session?.permissions.includes('platform.workspaces.manage') ?? false;
  if (operator && workspaces.isPending) return <Select label="Workspace" data={[]} disabled placeholder="Reading workspaces…" w={360} maw="100%" />;
  // A workspace-admin reaches one workspace: nothing to choose.
  if (rows.length < 2) return null;
  const data = rows.map((r) => ({ value: r.workspace.id, label: r.isTenant ? `${r.workspace.name} (tenant of ${r.parentName})` : r.workspace.name }));
  return <Select label="Workspace" data={data} value={value} onChange={(id) => id && onChange(id)} searchable allowDeselect={false} w={360} maw="100%" />;
}
