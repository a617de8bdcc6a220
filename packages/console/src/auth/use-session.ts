/** The signed-in person (or null), read once from GET /auth/v1/sessions/current and kept by TanStack Query. */
import type { ConsoleSession } from '@consumo/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';

export const SESSION_KEY = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: () => api.currentSession(), staleTime: Infinity, retry: false });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => api.signIn(email, password),
    onSuccess: (session: ConsoleSession) => queryClient.setQueryData(SESSION_KEY, session),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.signOut(),
    onSettled: () => {
      // Nothing read under the old session stays on screen or in the cache.
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}
