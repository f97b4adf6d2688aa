import { useSyncExternalStore } from 'react';

/**
 * The console's routes live in the URL's hash (#/catalog, #/applications/…),
 * so the gateway serves one index.html for /console and a reload keeps the
 * page.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash.replace(/^#/, '') || '/inbox');
}

export function navigate(path: string): void {
  window.location.hash = path;
}
