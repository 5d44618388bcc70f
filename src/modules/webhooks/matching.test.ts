import { describe, expect, it } from 'vitest';
import { endpointWantsEvent, planDeliveries } from './matching.ts';

const endpoint = (eventTypes: string[], id = 'ep-1') => ({ id, eventTypes });

describe('endpointWantsEvent', () => {
  it.each([
    { name: 'all events', endpoint: endpoint(['*']), type: 'user.created', wants: true },
    { name: 'the exact type', endpoint: endpoint(['claim.approved', 'user.created']), type: 'user.created', wants: true },
    { name: 'another type', endpoint: endpoint(['claim.approved']), type: 'user.created', wants: false },
    { name: 'no prefix matching', endpoint: endpoint(['user']), type: 'user.created', wants: false },
    { name: 'no case folding', endpoint: endpoint(['User.Created']), type: 'user.created', wants: false },
    { name: 'nothing', endpoint: endpoint([]), type: 'user.created', wants: false },
    { name: 'a ping to this endpoint, whatever it subscribes to', endpoint: endpoint(['claim.approved']), type: 'webhook.ping', payload: { endpointId: 'ep-1' }, wants: true },
    { name: 'a ping to another endpoint, even with *', endpoint: endpoint(['*']), type: 'webhook.ping', payload: { endpointId: 'ep-2' }, wants: false },
    { name: 'a ping naming no endpoint', endpoint: endpoint(['webhook.ping']), type: 'webhook.ping', wants: false },
  ])('$name → $wants', (c) => {
    expect(endpointWantsEvent(c.endpoint, { type: c.type, payload: c.payload ?? {} })).toBe(c.wants);
  });
});

describe('planDeliveries', () => {
  const endpoints = [
    { id: 'picc-all', orgId: 'picc', eventTypes: ['*'] },
    { id: 'picc-users', orgId: 'picc', eventTypes: ['user.created'] },
    { id: 'picc-claims', orgId: 'picc', eventTypes: ['claim.approved'] },
    { id: 'cpic-all', orgId: 'cpic', eventTypes: ['*'] },
  ];
  const event = (id: string, orgId: string, type: string, payload: Record<string, unknown> = {}) => ({ id, orgId, type, payload });
  const pairs = (events: ReturnType<typeof event>[]) => planDeliveries(events, endpoints).map((d) => `${d.eventId}→${d.endpointId}`);

  it.each([
    { name: 'a PICC user event goes to PICC’s matching endpoints only', events: [event('e1', 'picc', 'user.created')], expected: ['e1→picc-all', 'e1→picc-users'] },
    { name: 'a CPIC event never reaches PICC', events: [event('e2', 'cpic', 'user.created')], expected: ['e2→cpic-all'] },
    { name: 'an org without endpoints gets nothing', events: [event('e3', 'pingan', 'user.created')], expected: [] },
    { name: 'a ping goes to its endpoint only', events: [event('e4', 'picc', 'webhook.ping', { endpointId: 'picc-claims' })], expected: ['e4→picc-claims'] },
    { name: 'a ping naming a foreign endpoint goes nowhere', events: [event('e5', 'picc', 'webhook.ping', { endpointId: 'cpic-all' })], expected: [] },
    { name: 'several events keep their order', events: [event('e6', 'cpic', 'a.b'), event('e7', 'picc', 'claim.approved')], expected: ['e6→cpic-all', 'e7→picc-all', 'e7→picc-claims'] },
    { name: 'no events', events: [], expected: [] },
  ])('$name', ({ events, expected }) => {
    expect(pairs(events)).toEqual(expected);
  });

  it('copies the event’s type and organisation onto each delivery', () => {
    expect(planDeliveries([event('e1', 'picc', 'user.created')], endpoints.slice(1, 2))).toEqual([{ endpointId: 'picc-users', eventId: 'e1', eventType: 'user.created', orgId: 'picc' }]);
  });
});
