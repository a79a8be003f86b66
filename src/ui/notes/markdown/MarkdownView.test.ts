import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownView } from './MarkdownView.tsx';
import { isExternal, safeUrl } from './urls.ts';

function render(text: string): string {
  return renderToStaticMarkup(createElement(MarkdownView, { text, onTick: () => undefined }));
}

/**
 * The elements of the markup. React escapes text (`<` is `&lt;`), so every `<` that starts a
 * name here is a real element: HTML written in a note, shown as text, never matches.
 */
function tags(markup: string): string[] {
  return markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** Every href and src in the markup, with React's escaping undone. */
function addresses(markup: string): string[] {
  return tags(markup).flatMap((tag) =>
    [...tag.matchAll(/\s(?:href|src|action|formaction|xlink:href)="([^"]*)"/g)].map(([, value]) =>
      (value ?? '').replaceAll('&amp;', '&').replaceAll('&quot;', '"'),
    ),
  );
}

const ALLOWED_ADDRESS = /^(https?:|mailto:|tel:|\/|#|\?|[^:]*$)/i;

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<iframe src="https://example.com"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>x</details>',
  '<style>body{display:none}</style>',
  '[click](javascript:window.__xss=1)',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](java&#x73;cript:alert(1))',
  '[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '<JaVaScRiPt:alert(1)>',
  '![pic](javascript:alert(1))',
  '![pic](data:text/html,<script>alert(1)</script>)',
  '![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![pic](https://example.com/x.png "title\\" onerror=\\"alert(1)")',
  '- [ ] <img src=x onerror=alert(1)> task',
  '| a | b |\n| - | - |\n| <script>alert(1)</script> | [x](javascript:alert(1)) |',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
];

describe('a rendered note is inert, whatever its text', () => {
  for (const payload of PAYLOADS) {
    it(JSON.stringify(payload), () => {
      const markup = render(`Before\n\n${payload}\n\nAfter`);
      for (const tag of tags(markup)) {
        expect(tag, 'an element that runs or embeds something').not.toMatch(
          /^<(script|iframe|object|embed|svg|math|style|link|meta|base|form|img|frame|details)\b/i,
        );
        expect(tag, 'an event handler attribute').not.toMatch(/\son[a-z]+=/i);
        expect(tag, 'an inline style').not.toMatch(/\sstyle=/i);
      }
      for (const address of addresses(markup)) {
        expect(address).toMatch(ALLOWED_ADDRESS);
        expect(address).not.toMatch(/script:|^\s*data:/i);
      }
      // The note's words are still all there to read.
      expect(markup).toContain('Before');
      expect(markup).toContain('After');
    });
  }

  it('HTML written in a note is shown as its text, not made into elements', () => {
    const markup = render('<b>bold?</b> <script>alert(1)</script>');
    expect(markup).toContain('&lt;b&gt;bold?&lt;/b&gt;');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('a link whose address is not allowed keeps its words, without a link', () => {
    const markup = render('[click me](javascript:alert(1))');
    expect(markup).toContain('<span>click me</span>');
    expect(markup).not.toContain('<a');
  });
});

describe('what the rendering keeps', () => {
  it('web, mail and phone links; a link to another site opens apart from the app', () => {
    const markup = render(
      '[site](https://example.com/a?b=1) [mail](mailto:ada@example.com) [call](tel:+4412345) [here](#top) [note](/notes/1)',
    );
    expect(markup).toContain(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">site</a>',
    );
    expect(markup).toContain('<a href="mailto:ada@example.com">mail</a>');
    expect(markup).toContain('<a href="tel:+4412345">call</a>');
    expect(markup).toContain('<a href="#top">here</a>');
    expect(markup).toContain('<a href="/notes/1">note</a>');
  });

  it('GFM: autolinks, tables, strikethrough, task lists', () => {
    const markup = render(
      'See www.example.com\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] to do',
    );
    expect(markup).toContain('<a href="http://www.example.com"');
    expect(markup).toMatch(
      /<div class="markdown-table" tabindex="0" role="region" aria-label="Table"><table>/,
    );
    expect(markup).toContain('<del>gone</del>');
    expect(markup).toContain(
      '<label class="task-label"><input type="checkbox" checked=""/><span>done</span></label>',
    );
    expect(markup).toContain(
      '<label class="task-label"><input type="checkbox"/><span>to do</span></label>',
    );
  });

  it('an image is a link to it named by its description, never an <img> the CSP would refuse', () => {
    const markup = render('![A red bicycle](https://example.com/bike.png)');
    expect(markup).toContain(
      '<a class="markdown-image" href="https://example.com/bike.png" target="_blank" rel="noopener noreferrer">Image: A red bicycle</a>',
    );
    expect(render('![Inline](data:image/png;base64,AAAA)')).toContain(
      '<span class="markdown-image">Image: Inline</span>',
    );
  });

  it('an empty note says there is nothing to preview', () => {
    expect(render('')).toContain('Nothing to preview yet');
    expect(render('  \n\n ')).toContain('Nothing to preview yet');
  });
});

describe('safeUrl', () => {
  it('keeps web, mail, phone and relative addresses', () => {
    for (const url of [
      'https://example.com',
      'HTTP://EXAMPLE.COM',
      'mailto:a@b.c',
      'tel:123',
      '/notes/1',
      'notes/1',
      '#x',
      '?q=a:b',
      '/a:b',
    ]) {
      expect(safeUrl(url), url).toBe(url);
    }
  });

  it('drops every other scheme, however it is written', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:x',
      'data:text/html,x',
      'file:///etc/passwd',
      'blob:https://example.com/x',
    ]) {
      expect(safeUrl(url), JSON.stringify(url)).toBe('');
    }
  });
});

describe('isExternal', () => {
  it('knows every spelling of another host, and keeps this app’s own paths', () => {
    for (const url of ['https://a.b', 'HTTP://a.b', '//a.b', '\\\\a.b', '/\\a.b', '\\/a.b']) {
      expect(isExternal(url), url).toBe(true);
    }
    for (const url of ['/notes/1', 'notes/1', '#x', '?q=1', 'mailto:a@b.c']) {
      expect(isExternal(url), url).toBe(false);
    }
  });
});
