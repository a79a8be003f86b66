import { lazyComponent } from '../../common/lazyComponent.tsx';
import type { TaskTick } from './tasks.ts';

// The Markdown renderer is most of a preview's code: fetched when a preview is first shown, so
// the notes screen's first load does not carry it (precached with every chunk for offline).
const MarkdownView = lazyComponent(
  () => import('./MarkdownView.tsx').then((module) => module.MarkdownView),
  'the preview',
);

/** The note's text rendered: a named region, reachable by Tab, its checkboxes live. */
export function RenderedNote({ text, onTick }: { text: string; onTick: (tick: TaskTick) => void }) {
  return (
    // Focusable: Tab reaches the rendering, and arrow keys scroll it, even with nothing in it
    // to stop at (no link, no checkbox).
    <section className="rendered-note" aria-label="Rendered note" tabIndex={0}>
      <MarkdownView text={text} onTick={onTick} />
    </section>
  );
}
