import { expect, type Page, type TestInfo } from '@playwright/test';
import { accessibilityViolations } from './axe.ts';

/** The sizes every screen must fit: small and common phones, a tablet, a laptop. */
export const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
] as const;
export const THEMES = ['light', 'dark'] as const;

/** What is wrong with the page as laid out now, one line per problem; empty when it fits. */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px`);
  }
  // With a modal open, the page behind it is inert: only the dialog's controls count.
  const modal = document.querySelector('dialog[open]');
  const scope = modal ?? document;
  const controls = [
    ...scope.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary'),
  ];
  // WCAG 2.5.5: 44 × 44 px for a finger. A check box or radio counts with its label; a link
  // inside a sentence is exempt, as the guideline says.
  const MIN = 44 - 0.5;
  const tooSmallToTap = (control: HTMLElement): string | null => {
    const input = control instanceof HTMLInputElement ? control : null;
    const target =
      input && (input.type === 'checkbox' || input.type === 'radio')
        ? (input.closest('label') ??
          (input.id ? document.querySelector(`label[for="${input.id}"]`) : null))
        : control;
    if (!target) return 'no label';
    if (control.tagName === 'A' && getComputedStyle(control).display === 'inline') return null;
    const { width, height } = target.getBoundingClientRect();
    return width < MIN || height < MIN ? `${Math.round(width)}×${Math.round(height)} px` : null;
  };
  const describe = (element: HTMLElement) =>
    `${element.tagName.toLowerCase()} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}”`;
  for (const control of controls) {
    if (control.closest('[hidden], [inert]') || !control.checkVisibility()) continue;
    // A control placed off the page until focused (the skip link) is checked focused.
    if (control.getBoundingClientRect().right <= 0) control.focus();
    control.scrollIntoView({ block: 'center', inline: 'nearest' });
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left < 0 || box.right > window.innerWidth + 0.5) {
      problems.push(`${describe(control)} sticks out sideways (${box.left}…${box.right})`);
      continue;
    }
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (y < 0 || y > window.innerHeight) {
      problems.push(`${describe(control)} cannot be scrolled into view (y ${y})`);
      continue;
    }
    const small = tooSmallToTap(control);
    if (small) problems.push(`${describe(control)} is too small to tap: ${small}`);
    const hit = document.elementFromPoint(x, y);
    const label = control.id ? document.querySelector(`label[for="${control.id}"]`) : null;
    if (!hit || !(control.contains(hit) || hit.contains(control) || label?.contains(hit))) {
      problems.push(
        `${describe(control)} is covered at its centre by ${hit?.outerHTML.slice(0, 80)}`,
      );
    }
    if (control === document.activeElement && control.getBoundingClientRect().right > 0) {
      control.blur();
    }
  }
  window.scrollTo(0, 0);
  return problems;
}

/**
 * The page as it is now fits every size in both themes: nothing scrolls sideways, and every
 * visible control can be scrolled into view and is what a tap at its centre hits. Axe finds
 * nothing at a phone's width and a laptop's in either theme. Those two layouts are kept as
 * screenshots among the test's artifacts, to be looked at.
 */
export async function expectFits(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  const original = page.viewportSize();
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `${state} at ${size.width}×${size.height}, ${theme}`;
      // Layout settles in a frame or two after a resize.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
      // Before the check, which scrolls each control into view. Kept at a phone's width and a
      // laptop's, the two looked at; the other sizes are checked only.
      if (size.width === 390 || size.width === 1280) {
        await page.screenshot({
          path: testInfo.outputPath(`${state}-${size.width}x${size.height}-${theme}.png`),
        });
      }
      expect(await page.evaluate(layoutProblems), where).toEqual([]);
      if (size.width === 390 || size.width === 1280) {
        expect(await accessibilityViolations(page), `axe: ${where}`).toEqual([]);
      }
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (original) await page.setViewportSize(original);
}
