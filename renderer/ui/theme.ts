/**
 * The colour theme: the system's (prefers-color-scheme), or light or dark by choice. The choice is
 * a display preference of this machine, owned by the renderer alone, so it lives in localStorage
 * and never crosses the API; styles.css reads it as data-theme on <html> through color-scheme.
 */
export type Theme = 'system' | 'light' | 'dark';

export const THEMES: readonly [Theme, string][] = [
  ['system', 'System theme'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

const KEY = 'marginalia.theme';

/** The remembered choice; anything else stored there (or no storage) counts as the system's. */
export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Shows the page in a theme and remembers the choice. */
export function applyTheme(theme: Theme, remember = true): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  if (!remember) return;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage refused (a locked-down profile): the theme holds until the page reloads.
  }
}
