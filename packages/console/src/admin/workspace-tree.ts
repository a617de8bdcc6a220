/** Workspaces as the console lists them: each provider followed by its tenants (one level, as the API allows), by name. */
export interface TreeWorkspace {
  id: string;
  name: string;
  parentId: string | null;
}

export interface WorkspaceRow<W extends TreeWorkspace> {
  workspace: W;
  /** The provider's name for a tenant whose provider is in the list; null otherwise. */
  parentName: string | null;
  /** Whether the row is shown indented under its provider. */
  isTenant: boolean;
  tenantCount: number;
}

const byName = (a: TreeWorkspace, b: TreeWorkspace) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function workspaceRows<W extends TreeWorkspace>(workspaces: readonly W[]): WorkspaceRow<W>[] {
  const byId = new Map(workspaces.map((w) => [w.id, w]));
  const tenantsOf = new Map<string, W[]>();
  const roots: W[] = [];
  for (const w of workspaces) {
    // A tenant whose provider is not in the list (paged out, or not reachable) is listed on its own.
    if (w.parentId !== null && byId.has(w.parentId)) tenantsOf.set(w.parentId, [...(tenantsOf.get(w.parentId) ?? []), w]);
    else roots.push(w);
  }
  return [...roots].sort(byName).flatMap((root) => {
    const tenants = [...(tenantsOf.get(root.id) ?? [])].sort(byName);
    const rootRow: WorkspaceRow<W> = {
      workspace: root,
      parentName: null,
      isTenant: false,
      tenantCount: tenants.length,
    };
    return [rootRow, ...tenants.map((t) => ({ workspace: t, parentName: root.name, isTenant: true, tenantCount: 0 }))];
  });
}
