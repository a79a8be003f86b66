/**
 * Light or dark: the system's choice unless the person picked one in Settings. The choice is
 * a property of this browser, not of an account (it is set before anyone signs in), so it is
 * kept in localStorage and applied before the first render: no flash of the other theme.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const STORAGE_KEY = 'outpost-theme';
/** The header's colour in each theme (styles.css --header-bg): the browser's toolbar matches it. */
const HEADER_COLOURS = { light: '#0f766e', dark: '#134e4a' } as const;

export function readTheme(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return THEME_CHOICES.find((choice) => choice === stored) ?? 'system';
  } catch {
    return 'system'; // storage blocked: follow the system
  }
}

export function saveTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage blocked: the choice holds for this visit only.
  }
  applyTheme(choice);
}

/**
 * data-theme on <html> pins the stylesheet's color-scheme; without it, light-dark() follows
 * the system. index.html has a theme-color per system scheme; a pinned theme sets both.
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]').forEach((meta) => {
    const scheme = meta.media.includes('dark') ? 'dark' : 'light';
    meta.content = HEADER_COLOURS[choice === 'system' ? scheme : choice];
  });
}
