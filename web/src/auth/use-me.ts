import { queryOptions, useQuery } from '@tanstack/react-query';
import { call, client, isUnauthenticated } from '../api/client.ts';

export const ME_KEY = ['me'] as const;

// Who is signed in. A 401 is an answer here (signed out), not an error to retry.
export const meQuery = queryOptions({
  queryKey: ME_KEY,
  queryFn: () => call(client.GET('/api/v1/me')),
  retry: (count, error) => !isUnauthenticated(error) && count < 2,
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}
