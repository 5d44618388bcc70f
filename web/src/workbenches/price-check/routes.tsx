import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// The insurer's price checker (核价员): the queue of quotes waiting for a human, and the check of one.
export const routes: WorkbenchRoute[] = [
  { path: '/price-check', page: lazyPage(() => import('./PriceCheckQueue.tsx')) },
  { path: '/price-check/:assessmentId', page: lazyPage(() => import('./PriceCheckPage.tsx')) },
];
