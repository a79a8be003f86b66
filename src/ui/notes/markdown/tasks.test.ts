import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_OPTIONS } from './MarkdownView.tsx';
import { applyTick, setTaskChecked } from './tasks.ts';

/** The offsets the renderer gives each task's checkbox, in document order (rehypeTasks). */
function taskOffsets(text: string): number[] {
  const offsets: number[] = [];
  renderToStaticMarkup(
    createElement(Markdown, {
      ...MARKDOWN_OPTIONS,
      components: {
        input: ({ node }) => {
          const offset = node?.data?.taskOffset;
          if (offset === undefined) throw new Error('a checkbox without its offset');
          offsets.push(offset);
          return null;
        },
      },
      children: text,
    }),
  );
  return offsets;
}

/** Ticks (or unticks) the task at `index` in document order, as the rendered view would. */
function tickNth(text: string, index: number, checked: boolean): string {
  const offset = taskOffsets(text)[index];
  if (offset === undefined) throw new Error(`no task ${index} in ${JSON.stringify(text)}`);
  return setTaskChecked(text, offset, checked);
}

describe('setTaskChecked', () => {
  it('ticks and unticks exactly the box of the item at the offset', () => {
    const text = '- [ ] milk\n- [ ] eggs\n- [x] bread';
    expect(setTaskChecked(text, 11, true)).toBe('- [ ] milk\n- [x] eggs\n- [x] bread');
    expect(setTaskChecked(text, 22, false)).toBe('- [ ] milk\n- [ ] eggs\n- [ ] bread');
  });

  it('an uppercase X counts as ticked, and unticks to a space', () => {
    expect(setTaskChecked('* [X] done', 0, false)).toBe('* [ ] done');
    expect(setTaskChecked('* [X] done', 0, true)).toBe('* [X] done');
  });

  it('a box already in the state asked for is left as it is', () => {
    expect(setTaskChecked('- [ ] a', 0, false)).toBe('- [ ] a');
    expect(setTaskChecked('- [x] a', 0, true)).toBe('- [x] a');
  });

  it('knows every list marker: - * + 1. 1)', () => {
    for (const marker of ['-', '*', '+', '1.', '42)']) {
      expect(setTaskChecked(`${marker} [ ] item`, 0, true)).toBe(`${marker} [x] item`);
    }
    expect(setTaskChecked('-\t[ ] tab after the marker', 0, true)).toBe(
      '-\t[x] tab after the marker',
    );
  });

  it('a stale offset that no longer points at a task changes nothing', () => {
    const text = 'Shopping\n- [ ] milk\n- plain item\n-  not [ ] a box';
    for (const offset of [0, 3, 10, 11, 20, 33, text.length, text.length + 5, -1]) {
      expect(setTaskChecked(text, offset, true), `offset ${offset}`).toBe(text);
    }
    // A bracket pair that is not followed by a space is not a task marker.
    expect(setTaskChecked('- [ ]milk', 0, true)).toBe('- [ ]milk');
    expect(setTaskChecked('- [y] milk', 0, true)).toBe('- [y] milk');
  });
});

describe('ticking a rendered task edits its own line of the source', () => {
  it('tight lists, each marker', () => {
    const text = '- [ ] one\n* [ ] two\n\n+ [x] three\n\n1. [ ] four\n2) [X] five\n';
    expect(tickNth(text, 0, true)).toBe(text.replace('- [ ] one', '- [x] one'));
    expect(tickNth(text, 1, true)).toBe(text.replace('* [ ] two', '* [x] two'));
    expect(tickNth(text, 2, false)).toBe(text.replace('+ [x] three', '+ [ ] three'));
    expect(tickNth(text, 3, true)).toBe(text.replace('1. [ ] four', '1. [x] four'));
    // 2) starts a new list (another delimiter): it is still found by its own offset.
    expect(tickNth(text, 4, false)).toBe(text.replace('2) [X] five', '2) [ ] five'));
  });

  it('nested and indented items', () => {
    const text = '  - [ ] outer\n    - [ ] inner\n      - [x] innermost\n  - [ ] after';
    expect(taskOffsets(text)).toHaveLength(4);
    expect(tickNth(text, 1, true)).toBe(text.replace('- [ ] inner', '- [x] inner'));
    expect(tickNth(text, 2, false)).toBe(text.replace('- [x] innermost', '- [ ] innermost'));
    expect(tickNth(text, 3, true)).toBe(text.replace('- [ ] after', '- [x] after'));
  });

  it('a loose list (items apart, with paragraphs)', () => {
    const text = '- [ ] first\n\n  more about it\n\n- [ ] second\n';
    expect(tickNth(text, 1, true)).toBe(text.replace('- [ ] second', '- [x] second'));
  });

  it('Windows line endings (CRLF), kept as they are', () => {
    const text = '# List\r\n\r\n- [ ] one\r\n- [ ] two\r\n  - [ ] nested\r\n';
    expect(tickNth(text, 1, true)).toBe(
      '# List\r\n\r\n- [ ] one\r\n- [x] two\r\n  - [ ] nested\r\n',
    );
    expect(tickNth(text, 2, true)).toBe(
      '# List\r\n\r\n- [ ] one\r\n- [ ] two\r\n  - [x] nested\r\n',
    );
  });

  it('items in a block quote', () => {
    const text = 'Quoted:\n\n> - [ ] in a quote\n> - [x] done in a quote\n';
    expect(tickNth(text, 0, true)).toBe(text.replace('- [ ] in a quote', '- [x] in a quote'));
    expect(tickNth(text, 1, false)).toBe(text.replace('- [x] done', '- [ ] done'));
  });

  it('the same words twice: only the item ticked changes', () => {
    const text = '- [ ] milk\n- [ ] milk\n';
    expect(tickNth(text, 1, true)).toBe('- [ ] milk\n- [x] milk\n');
  });
});

describe('applyTick', () => {
  it('applies a tick made on the text as it is now', () => {
    const text = '- [ ] milk';
    expect(applyTick(text, { source: text, offset: 0, checked: true })).toBe('- [x] milk');
  });

  it('a tick on a rendering of an older text changes nothing: its offsets may be stale', () => {
    const older = '- [ ] milk\n- [ ] eggs';
    const now = 'Shopping\n- [ ] milk\n- [ ] eggs';
    expect(applyTick(now, { source: older, offset: 11, checked: true })).toBe(now);
  });
});
