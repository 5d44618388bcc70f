// Orders (下单): approved assessments and shops' own purchases become orders whose lines are
// sourced from warehouses (or drop-shipped), reserved, shipped and received.
export { orderRoutes } from './routes.ts';
export { orderLineStatuses, orderLineTransitions, transition as orderLineTransition, type OrderLineStatus, type OrderLineEvent } from './lifecycle.ts';
export { orderStatus, orderStatuses, type OrderStatus } from './status.ts';
export { partsOrder, orderLine, orderParty, shipment } from './tables.ts';
