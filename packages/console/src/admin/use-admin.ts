/**
 * The administration pages' server state through the SDK, under the query key 'admin': each change
 * reads again the list it changed.
 */
import { unwrap } from '@consumo/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { UserInput, WorkspaceInput } from './types.js';

const MAX_LIMIT = 500;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'roles'],
    enabled,
    staleTime: Infinity,
    queryFn: async ({ signal }) => unwrap(await api.GET('/admin/v1/roles', { signal })).items,
  });
}

/** Every workspace the person reaches (the operator: all, read 500 at a time; anyone else: their own). */
export function useWorkspaces() {
  return useQuery({
    queryKey: ['admin', 'workspaces'],
    queryFn: async ({ signal }) => {
      const all = [];
      for (let offset = 0; ; offset += MAX_LIMIT) {
        const page = unwrap(await api.GET('/admin/v1/workspaces', { params: { query: { limit: MAX_LIMIT, offset } }, signal }));
        all.push(...page.items);
        if (page.items.length < MAX_LIMIT || offset + page.count >= page.total) return all;
      }
    },
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: WorkspaceInput) => unwrap(await api.POST('/admin/v1/workspaces', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'workspaces'] }),
  });
}

export function useDeleteWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (workspaceId: string) => {
      unwrap(await api.DELETE('/admin/v1/workspaces/{workspaceId}', { params: { path: { workspaceId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'workspaces'] }),
  });
}

const clientsKey = (workspaceId: string) => ['admin', 'api-clients', workspaceId];

export function useApiClients(workspaceId: string) {
  return useQuery({
    queryKey: clientsKey(workspaceId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/admin/v1/workspaces/{workspaceId}/api-clients', { params: { path: { workspaceId } }, signal })).items,
  });
}

export function useCreateApiClient(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; roles: string[] }) =>
      unwrap(await api.POST('/admin/v1/workspaces/{workspaceId}/api-clients', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey(workspaceId) }),
  });
}

export function useDeleteApiClient(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (clientId: string) => {
      unwrap(await api.DELETE('/admin/v1/workspaces/{workspaceId}/api-clients/{clientId}', { params: { path: { workspaceId, clientId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey(workspaceId) }),
  });
}

const tokensKey = (workspaceId: string) => ['admin', 'api-tokens', workspaceId];

export function useApiTokens(workspaceId: string) {
  return useQuery({
    queryKey: tokensKey(workspaceId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/admin/v1/workspaces/{workspaceId}/api-tokens', { params: { path: { workspaceId } }, signal })).items,
  });
}

export function useCreateApiToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; roles: string[]; ttlDays: number }) =>
      unwrap(await api.POST('/admin/v1/workspaces/{workspaceId}/api-tokens', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(workspaceId) }),
  });
}

export function useRevokeApiToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (tokenId: string) => {
      unwrap(await api.DELETE('/admin/v1/workspaces/{workspaceId}/api-tokens/{tokenId}', { params: { path: { workspaceId, tokenId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(workspaceId) }),
  });
}

const usersKey = (workspaceId: string) => ['admin', 'users', workspaceId];

export function useUsers(workspaceId: string) {
  return useQuery({
    queryKey: usersKey(workspaceId),
    queryFn: async ({ signal }) => unwrap(await api.GET('/admin/v1/workspaces/{workspaceId}/users', { params: { path: { workspaceId } }, signal })).items,
  });
}

export function useCreateUser(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserInput) => unwrap(await api.POST('/admin/v1/workspaces/{workspaceId}/users', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey(workspaceId) }),
  });
}

export function useDeleteUser(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      unwrap(await api.DELETE('/admin/v1/workspaces/{workspaceId}/users/{userId}', { params: { path: { workspaceId, userId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey(workspaceId) }),
  });
}

/** Sets a generated password (the server shows it once) and ends the user's sessions. */
export function useResetPassword(workspaceId: string) {
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await api.POST('/admin/v1/workspaces/{workspaceId}/users/{userId}/password', { params: { path: { workspaceId, userId } }, body: {} })),
  });
}
