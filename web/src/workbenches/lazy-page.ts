import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type Load = () => Promise<{ default: ComponentType }>;

// A page loaded as its own chunk when first shown (React.lazy), that can also be asked for
// earlier: `preload()` starts fetching its chunk (once; later calls reuse the same promise), so a
// page the user is about to open is there when they click.
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> };

export function lazyPage(load: Load): LazyPage {
  let pending: ReturnType<Load> | undefined;
  const once = () => (pending ??= load());
  const page = lazy(once) as LazyPage;
  page.preload = () => once().catch(() => undefined);
  return page;
}
