// Route-level code splitting: only the home page and the frame are in the first download; every other
// page is fetched when first opened, together with the rest of Mantine's styles (the first page
// carries only the styles of the components it uses, see mantine-first-page.css). A chunk that is gone
// after a new release (its hashed name changed) reloads the page once instead of leaving it blank.
import { lazy, type ComponentType } from 'react';

const RELOADED = 'adi.chunk-reload';

/** Reads or changes the reload marker; storage may be blocked, which only costs the retry. */
function marker(change?: 'set' | 'clear'): boolean {
  try {
    if (change === 'set') sessionStorage.setItem(RELOADED, '1');
    else if (change === 'clear') sessionStorage.removeItem(RELOADED);
    return sessionStorage.getItem(RELOADED) !== null;
  } catch {
    return true;
  }
}

/** A page component exported by name from a module loaded when the page is first rendered. */
export function lazyPage<M extends Record<K, ComponentType<never>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  // React.lazy's own constraint is ComponentType<any>; the page keeps its props type through M[K].
  return lazy<M[K] & ComponentType<any>>(async () => {
    try {
      const styles = import('./mantine-styles');
      const module: M = await load();
      await styles;
      marker('clear');
      return { default: module[name] as M[K] & ComponentType<any> };
    } catch (error) {
      if (!marker()) {
        marker('set');
        window.location.reload();
      }
      throw error;
    }
  });
}
