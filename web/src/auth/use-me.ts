import { useQuery } from '@tanstack/react-query';
import { api, isUnauthenticated } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

// Who is signed in. A 401 is an answer here (signed out), not an error to retry.
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => api.get<Me>('/api/v1/me'),
    retry: (count, error) => !isUnauthenticated(error) && count < 2,
    staleTime: 60_000,
  });
}
