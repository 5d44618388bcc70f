import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// The repair shop (修理厂): its orders and shipments, ordering an approved quote, signing for
// deliveries (签收) with trace-code scanning, returns, installation, its own purchases, and the
// printed delivery note.
export const routes: WorkbenchRoute[] = [
  { path: '/orders', page: lazyPage(() => import('./OrdersPage.tsx')) },
  { path: '/orders/:id', page: lazyPage(() => import('./OrderPage.tsx')) },
  { path: '/orders/:id/receipt', page: lazyPage(() => import('./ReceiptPage.tsx')) },
  { path: '/orders/:id/delivery-note', page: lazyPage(() => import('./DeliveryNotePage.tsx')) },
  { path: '/receipts', page: lazyPage(() => import('./ReceiptsPage.tsx')) },
  { path: '/purchases', page: lazyPage(() => import('./PurchasesPage.tsx')) },
];
