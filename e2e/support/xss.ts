import { expect, type Page } from '@playwright/test';

/**
 * Stored-XSS probes: text that would run script if any view put it into the page as HTML or
 * as a link's address. Each sets `window.__xss` or opens a dialog if it ever runs.
 */
export const XSS = {
  /** For one-line fields (titles, names, companies): no line breaks. */
  line: '<img src=x onerror=window.__xss=1><script>window.__xss=2</script>',
  /** For tags: at most 50 characters. */
  tag: '<svg onload=window.__xss=3>',
  /** Valid as an email address (the server keeps it), HTML all the same. */
  email: '<img/src=x/onerror=window.__xss=4>@example.com',
  phone: 'javascript:window.__xss=5',
  /** For Markdown and other multi-line text: one probe per paragraph. */
  text: [
    '<script>window.__xss=6</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">raw link</a>',
    '<svg onload=alert(1)><circle r="1"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '[click](javascript:window.__xss=7)',
    '[upper](JAVASCRIPT:alert(1))',
    '[spaced]( javascript:alert(1))',
    '[encoded](java&#x73;cript:alert(1))',
    '[html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:alert(1)>',
    '![pic](javascript:alert(1))',
    '![page](data:text/html,<script>alert(1)</script>)',
    '- [ ] <img src=x onerror=alert(1)> a task',
    '| cell |\n| - |\n| <script>alert(1)</script> |',
  ].join('\n\n'),
};

/** Collects every dialog (alert, confirm, prompt) the page opens, dismissing it. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** Console errors and uncaught exceptions of a page the fixtures do not watch (a second device). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * The app as shown now holds nothing a probe could run through: no script, frame, object,
 * embed or image element, no event-handler attribute, no script or data address, and no probe
 * has run (`window.__xss` unset, no dialog).
 */
export async function expectInert(page: Page, dialogs: string[], where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const app = document.getElementById('root');
    if (!app) return { missing: true };
    const elements = [...app.querySelectorAll('*')];
    const brief = (element: Element) => element.outerHTML.slice(0, 100);
    return {
      xss: (window as { __xss?: unknown }).__xss ?? null,
      javascriptLinks: [...app.querySelectorAll('a[href^="javascript:" i]')].map(brief),
      scriptAddresses: elements
        .flatMap((element) =>
          ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].map((name) =>
            element.getAttribute(name),
          ),
        )
        .filter((value): value is string => value !== null)
        .filter((value) => /^[\s\p{Cc}]*(javascript|vbscript|data):/iu.test(value)),
      embedded: [
        ...app.querySelectorAll('script, iframe, frame, object, embed, img, style, link, base'),
      ].map(brief),
      handlers: elements
        .filter((element) =>
          [...element.attributes].some((attribute) => /^on/i.test(attribute.name)),
        )
        .map(brief),
    };
  });
  expect(found, where).toEqual({
    xss: null,
    javascriptLinks: [],
    scriptAddresses: [],
    embedded: [],
    handlers: [],
  });
  expect(dialogs, where).toEqual([]);
}
