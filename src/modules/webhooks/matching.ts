// Which endpoints an event goes to. An endpoint subscribes to event types by exact name, or to all
// of them with `*`. A `webhook.ping` is the exception: it is queued by an admin to test one endpoint
// and goes to that endpoint only, whatever it subscribes to (otherwise an endpoint listening for
// `claim.approved` could never be tested, and every other endpoint of the org would get the ping).

export const ALL_EVENTS = '*';
export const PING_EVENT = 'webhook.ping';

export type EndpointSubscription = { id: string; eventTypes: readonly string[] };
export type EventForMatching = { type: string; payload: Record<string, unknown> };

export function endpointWantsEvent(endpoint: EndpointSubscription, event: EventForMatching): boolean {
  if (event.type === PING_EVENT) return event.payload.endpointId === endpoint.id;
  return endpoint.eventTypes.includes(ALL_EVENTS) || endpoint.eventTypes.includes(event.type);
}

export type EventToFanOut = EventForMatching & { id: string; orgId: string };
export type EndpointToFanOut = EndpointSubscription & { orgId: string };
export type PlannedDelivery = { endpointId: string; eventId: string; eventType: string; orgId: string };

// One delivery per (event, endpoint of the event's organisation that wants it). An event is never
// sent to another organisation's endpoint, whatever that endpoint subscribes to.
export function planDeliveries(events: readonly EventToFanOut[], endpoints: readonly EndpointToFanOut[]): PlannedDelivery[] {
  const byOrg = new Map<string, EndpointToFanOut[]>();
  for (const endpoint of endpoints) byOrg.set(endpoint.orgId, [...(byOrg.get(endpoint.orgId) ?? []), endpoint]);
  return events.flatMap((event) =>
    (byOrg.get(event.orgId) ?? [])
      .filter((endpoint) => endpointWantsEvent(endpoint, event))
      .map((endpoint) => ({ endpointId: endpoint.id, eventId: event.id, eventType: event.type, orgId: event.orgId })),
  );
}
