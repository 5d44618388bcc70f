import { useQuery } from '@tanstack/react-query';
import { call, client } from '../../api/client.ts';
import type { ApiAnswer, ApiBody, ApiItem } from '../../api/types.ts';

// The answers this workbench reads, named from the generated types.
export type Waiting = ApiItem<'/api/v1/price-checks'>;
export type Quote = ApiAnswer<'/api/v1/assessments/{id}/quote'>;
export type QuoteLine = Quote['lines'][number];
export type Candidate = NonNullable<NonNullable<QuoteLine['ranking']>['chosen']>;
export type Grade = Candidate['grade'];
export type ApproveBody = ApiBody<'/api/v1/assessments/{id}/approve'>;
export type Decision = ApproveBody['lines'][number];

export const keys = {
  queue: ['price-checks'] as const,
  quote: (assessmentId: string) => ['assessment', assessmentId, 'quote'] as const,
  claim: (id: string) => ['claim', id] as const,
};

export function fetchQueuePage(cursor: string | undefined, limit: number) {
  return call(client.GET('/api/v1/price-checks', { params: { query: { cursor, limit } } }));
}

export function useQuote(assessmentId: string) {
  return useQuery({
    queryKey: keys.quote(assessmentId),
    queryFn: () => call(client.GET('/api/v1/assessments/{id}/quote', { params: { path: { id: assessmentId } } })),
    retry: false,
  });
}

export function useClaim(id: string | undefined) {
  return useQuery({
    queryKey: keys.claim(id ?? ''),
    queryFn: () => call(client.GET('/api/v1/claims/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}
