import { useEffect, useState } from 'preact/hooks';

/**
 * The app's pages, addressed by the URL's hash (`#/linkage`, `#/entities/12`, …) so that the back
 * button and links work without the server knowing the pages.
 */
export type Route =
  | { page: 'overview' }
  | { page: 'linkage' }
  | { page: 'entity'; id: number }
  | { page: 'estimates' }
  | { page: 'estimate'; id: number };

export function parseRoute(hash: string): Route {
  const [, first, second] = hash.replace(/^#/, '').split('/');
  const id = Number(second);
  if (first === 'linkage') return { page: 'linkage' };
  if (first === 'entities' && Number.isSafeInteger(id) && id > 0) return { page: 'entity', id };
  if (first === 'estimates' && Number.isSafeInteger(id) && id > 0) return { page: 'estimate', id };
  if (first === 'estimates') return { page: 'estimates' };
  return { page: 'overview' };
}

export function hrefOf(route: Route): string {
  if (route.page === 'entity') return `#/entities/${route.id}`;
  if (route.page === 'estimate') return `#/estimates/${route.id}`;
  return `#/${route.page}`;
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
