import { useSyncExternalStore } from 'react';

// Whether the person asked their system for less motion (prefers-reduced-motion: a setting of
// Windows, macOS and Android for people whom moving things unsettle or slow). The console then
// shows dialogs, dropdowns and messages at once, without antd's animations (LocaleProvider).
const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
