import { useQueries, useQuery } from '@tanstack/react-query';
import { call, client } from '../../api/client.ts';
import type { ApiAnswer, ApiItem } from '../../api/types.ts';

// The answers this workbench reads, named from the generated types (never copied by hand).
export type Assessment = ApiAnswer<'/api/v1/assessments/{id}'>;
export type AssessmentLine = Assessment['lines'][number];
export type Claim = ApiAnswer<'/api/v1/claims/{id}'>;
export type Quote = ApiAnswer<'/api/v1/assessments/{id}/quote'>;
export type QuoteLine = Quote['lines'][number];
export type Ranking = NonNullable<QuoteLine['ranking']>;
export type Candidate = Ranking['runnersUp'][number];
export type PartHit = ApiItem<'/api/v1/parts'>;
export type Part = ApiAnswer<'/api/v1/parts/{id}'>;
export type Inquiry = ApiAnswer<'/api/v1/inquiries/{id}'>;
export type Vin = ApiAnswer<'/api/v1/vin/{vin}'>;
export type VehicleModel = Vin['vehicleModels'][number];
export type Grade = Candidate['grade'];
export type Category = PartHit['category'];

export const categoryCodes: Category[] = ['body', 'structure', 'lighting', 'glass', 'cooling', 'chassis', 'electrical', 'safety', 'interior', 'engine'];

export const keys = {
  assessment: (id: string) => ['assessment', id] as const,
  claim: (id: string) => ['claim', id] as const,
  quote: (id: string) => ['assessment', id, 'quote'] as const,
  vin: (vin: string) => ['vin', vin] as const,
  part: (id: string) => ['part', id] as const,
  inquiry: (id: string) => ['inquiry', id] as const,
};

export function useAssessment(id: string) {
  return useQuery({ queryKey: keys.assessment(id), queryFn: () => call(client.GET('/api/v1/assessments/{id}', { params: { path: { id } } })) });
}

export function useClaim(id: string | undefined) {
  return useQuery({
    queryKey: keys.claim(id ?? ''),
    queryFn: () => call(client.GET('/api/v1/claims/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useQuote(assessmentId: string, enabled = true) {
  return useQuery({
    queryKey: keys.quote(assessmentId),
    queryFn: () => call(client.GET('/api/v1/assessments/{id}/quote', { params: { path: { id: assessmentId } } })),
    enabled,
    retry: false,
  });
}

// The claim's vehicle as its VIN decodes, with the model the claim was filed under.
export function useVehicle(claim: Claim | undefined) {
  const vin = claim?.vin ?? '';
  const query = useQuery({
    queryKey: keys.vin(vin),
    queryFn: () => call(client.GET('/api/v1/vin/{vin}', { params: { path: { vin } } })),
    enabled: !!vin,
    staleTime: Infinity,
  });
  const models = query.data?.vehicleModels ?? [];
  const model = models.find((m) => m.id === claim?.vehicleModelId) ?? (models.length === 1 ? models[0] : undefined);
  return { ...query, model };
}

export function modelName(m: VehicleModel | undefined): string | undefined {
  return m ? `${m.brand} ${m.series} ${m.model}` : undefined;
}

// The catalog facts of the parts some lines name (their OE numbers, categories, OE prices), each
// fetched once: an assessment line keeps only the part's id.
export function usePartFacts(partIds: readonly string[]): Map<string, Part> {
  const ids = [...new Set(partIds)];
  const fetched = useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.part(id),
      queryFn: () => call(client.GET('/api/v1/parts/{id}', { params: { path: { id } } })),
      staleTime: Infinity,
    })),
  });
  return new Map(fetched.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
}
