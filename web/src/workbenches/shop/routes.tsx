import { lazy } from 'react';
import type { WorkbenchRoute } from '../registry.ts';

// The repair shop (修理厂): its orders and shipments, ordering an approved quote, signing for
// deliveries (签收) with trace-code scanning, returns, installation, its own purchases, and the
// printed delivery note.
export const routes: WorkbenchRoute[] = [
  { path: '/orders', page: lazy(() => import('./OrdersPage.tsx')) },
  { path: '/orders/:id', page: lazy(() => import('./OrderPage.tsx')) },
  { path: '/orders/:id/receipt', page: lazy(() => import('./ReceiptPage.tsx')) },
  { path: '/orders/:id/delivery-note', page: lazy(() => import('./DeliveryNotePage.tsx')) },
  { path: '/receipts', page: lazy(() => import('./ReceiptsPage.tsx')) },
  { path: '/purchases', page: lazy(() => import('./PurchasesPage.tsx')) },
];
