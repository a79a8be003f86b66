import {
  createContext,
  useContext,
  useDeferredValue,
  useMemo,
  useState,
  type ComponentProps,
  type ReactNode,
} from 'react';
import Markdown, { type Components, type ExtraProps, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { rehypeTasks } from './rehypeTasks.ts';
import { setTaskChecked, type TaskTick } from './tasks.ts';
import { isExternal, safeUrl } from './urls.ts';
import './markdown.css';

/**
 * How a note's Markdown becomes React elements. No HTML string is ever made: react-markdown
 * builds elements from the syntax tree, and without rehype-raw the HTML written in a note is
 * shown as the text it is. Every link and image address passes `safeUrl`.
 */
export const MARKDOWN_OPTIONS = {
  remarkPlugins: [remarkGfm],
  rehypePlugins: [rehypeTasks],
  urlTransform: safeUrl,
} satisfies Options;

/** Where a tick goes; through context, so the components below keep their identity. */
const Ticks = createContext<{ source: string; onTick: (tick: TaskTick) => void } | null>(null);

function Link({ node: _node, href, children, ...props }: ComponentProps<'a'> & ExtraProps) {
  // safeUrl left nothing: the words stay, without an address to follow.
  if (!href) return <span>{children}</span>;
  return (
    <a {...props} href={href} {...outside(href)}>
      {children}
    </a>
  );
}

/**
 * An image as a link to it, named by its alt text. The CSP allows images only from this origin
 * (img-src 'self' data:): a remote <img> would be refused with an error, and would tell the
 * image's host each time the note is read.
 */
function Image({ src, alt, title }: ComponentProps<'img'> & ExtraProps) {
  const name = `Image: ${alt || title || 'no description'}`;
  if (typeof src !== 'string' || !src) return <span className="markdown-image">{name}</span>;
  return (
    <a className="markdown-image" href={src} {...outside(src)}>
      {name}
    </a>
  );
}

function outside(href: string) {
  return isExternal(href) ? { target: '_blank', rel: 'noopener noreferrer' } : {};
}

/** A task's checkbox (rehypeTasks labelled it): a tick is an edit of the note's text. */
function TaskBox({ node, type, checked }: ComponentProps<'input'> & ExtraProps) {
  const ticks = useContext(Ticks);
  const offset = node?.data?.taskOffset;
  if (type !== 'checkbox') return null;
  if (offset === undefined || !ticks) {
    return <input type="checkbox" checked={checked === true} disabled readOnly />;
  }
  return (
    <input
      type="checkbox"
      checked={checked === true}
      onChange={(event) =>
        ticks.onTick({ source: ticks.source, offset, checked: event.target.checked })
      }
    />
  );
}

/**
 * A wide table scrolls in its own box, never the page; the box takes focus so that a keyboard
 * can scroll it too.
 */
function Table({ node: _node, ...props }: ComponentProps<'table'> & ExtraProps) {
  return (
    <div className="markdown-table" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  );
}

const COMPONENTS: Components = { a: Link, img: Image, input: TaskBox, table: Table };

/**
 * A note's text rendered from its Markdown (GFM: tables, task lists, strikethrough, autolinks).
 * While the person types beside it, the rendering follows a moment behind (useDeferredValue), so
 * a long note never slows the typing down. A tick's own edit is rendered at once instead: a
 * controlled checkbox that showed the old text for a moment would spring back under the finger.
 */
export function MarkdownView({
  text,
  onTick,
}: {
  text: string;
  onTick: (tick: TaskTick) => void;
}): ReactNode {
  const [ticked, setTicked] = useState<string>();
  const deferred = useDeferredValue(text);
  const source = text === ticked ? text : deferred;
  const ticks = useMemo(
    () => ({
      source,
      onTick: (tick: TaskTick) => {
        setTicked(setTaskChecked(tick.source, tick.offset, tick.checked));
        onTick(tick);
      },
    }),
    [source, onTick],
  );
  if (source.trim() === '') {
    return <p className="markdown-empty">Nothing to preview yet.</p>;
  }
  return (
    <div className="markdown">
      <Ticks value={ticks}>
        <Markdown {...MARKDOWN_OPTIONS} components={COMPONENTS}>
          {source}
        </Markdown>
      </Ticks>
    </div>
  );
}
