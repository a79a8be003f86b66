import axe from 'axe-core';
import type { Page } from '@playwright/test';

/** The WCAG levels checked: A and AA of 2.0 and 2.1. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The WCAG A/AA violations axe finds on the page as it is now, one line each; `within`: only
 * inside the element this CSS selector names.
 *
 * axe-core is put into the page once and then run as often as needed. (@axe-core/playwright
 * injects its half megabyte of source on every call, which cost about a second a check: most of
 * the fit test's time.) `page.evaluate` runs outside the page's CSP, so no script-src is needed.
 */
export async function accessibilityViolations(page: Page, within?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    async ({ within, tags }) => {
      // The global axe-core defines once evaluated above; typed here by what is used of it.
      const injected = (window as unknown as { axe: Pick<typeof axe, 'run'> }).axe;
      const context = within ? { include: [within] } : document;
      const results = await injected.run(context, { runOnly: { type: 'tag', values: tags } });
      return results.violations.map(
        (violation) =>
          `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
    },
    { within, tags: TAGS },
  );
}
