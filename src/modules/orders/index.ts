// Orders (下单): approved assessments and shops' own purchases become orders whose lines are
// sourced from warehouses (or drop-shipped), reserved, shipped and received.
import { onDemandsFilled, onDemandsUnsourced } from '../inventory/index.ts';
import { linesReservedOnArrival, linesUnsourced } from './backorders/on-demands.ts';

export { orderRoutes } from './routes.ts';
export { resourceOrderLines } from './backorders/resource-lines.ts';

// Backordered lines move on when inventory fills their demands, and are surfaced when their source
// fails: inventory calls back into orders (it cannot import it), in the same transaction.
onDemandsFilled(linesReservedOnArrival);
onDemandsUnsourced(linesUnsourced);
export { orderLineStatuses, orderLineTransitions, transition as orderLineTransition, type OrderLineStatus, type OrderLineEvent } from './lifecycle.ts';
export { orderStatus, orderStatuses, type OrderStatus } from './status.ts';
export { partsOrder, orderLine, orderParty, shipment, orderReturn } from './tables.ts';
