import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { focusWhenShown } from './focus.ts';

/**
 * What a virtual list shows: how many rows there are, and each row that is loaded. A long list
 * loads only the rows in view (`onRangeChange` says which), so a row may be missing a moment
 * while it loads; the list holds its place, empty.
 */
export interface ListSource<T> {
  length: number;
  itemAt: (index: number) => T | undefined;
  onRangeChange?: (range: RowRange) => void;
}

/** A list held whole in memory (search results) as a source. */
export function arraySource<T>(items: T[]): ListSource<T> {
  return { length: items.length, itemAt: (index) => items[index] };
}

interface VirtualListProps<T> {
  source: ListSource<T>;
  label: string;
  itemHeight: number;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Rows the arrow keys stop on; the others (headings) are passed over. All, by default. */
  focusable?: (item: T) => boolean;
}

/** How long a row asked for by the arrow keys is waited for (it may still be loading). */
const FOCUS_WAIT_MS = 2_000;

/** Rows rendered beyond each edge of the view, so a fast flick never shows a blank strip. */
const OVERSCAN = 8;

/** The rows in view, plus overscan: `first` to `last`, both included. */
export interface RowRange {
  first: number;
  last: number;
}

/** What a list shows before it has measured its box: a screenful and more of rows. */
export const FIRST_ROWS: RowRange = { first: 0, last: OVERSCAN * 2 };

/**
 * A list that renders only the rows in view, so 10,000 notes scroll as smoothly as ten.
 * Every row has the same height, so which rows are in view is plain arithmetic on the scroll
 * offset: no measuring, and no library in the first download. Screen readers still learn each
 * row's place from aria-setsize/aria-posinset, and the arrow keys move focus row to row,
 * scrolling rows into existence first when needed.
 */
export function VirtualList<T>({
  source,
  label,
  itemHeight,
  itemKey,
  renderItem,
  focusable = () => true,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { length, itemAt, onRangeChange } = source;
  const range = useVisibleRange(scrollRef, itemHeight, length);
  // `range` is a new object only when its rows change (useVisibleRange), so this tells the
  // source only of real moves.
  useEffect(() => onRangeChange?.(range), [range, onRangeChange]);

  /** The row the arrow keys last asked for, until focus lands anywhere in the list. */
  const heading = useRef<{ index: number; since: number } | undefined>(undefined);

  function isFocusable(index: number): boolean {
    const item = itemAt(index);
    return item === undefined || focusable(item);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const step = moves[event.key];
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const list = scrollRef.current;
    if (step === undefined || !from || !list) return;
    event.preventDefault();
    // Keys pressed while the row asked for is still loading (a page edge) step on from that
    // row, not from the one that still has focus: no press is lost.
    const waiting = heading.current;
    const start =
      waiting && performance.now() - waiting.since < FOCUS_WAIT_MS
        ? waiting.index
        : Number(from.dataset.index);
    let next = start + step;
    // A row not loaded yet counts as focusable: it will be a row like the others.
    while (next >= 0 && next < length && !isFocusable(next)) next += step;
    // Past the first row: show what heads the list.
    if (next < 0) list.scrollTop = 0;
    if (next < 0 || next >= length) return;
    scrollRowIntoView(list, next, itemHeight);
    heading.current = { index: next, since: performance.now() };
    // The row renders once the scroll has brought it into range and, in a long list, once it
    // has loaded. Every wait looks for the latest row asked for.
    focusWhenShown(() => {
      const index = heading.current?.index ?? next;
      return list.querySelector<HTMLElement>(
        `[data-index="${index}"] a, [data-index="${index}"] button`,
      );
    }, FOCUS_WAIT_MS);
  }

  const rows: ReactNode[] = [];
  for (let index = range.first; index <= range.last && index < length; index++) {
    const item = itemAt(index);
    rows.push(
      <li
        key={item === undefined ? `loading-${index}` : itemKey(item)}
        data-index={index}
        aria-setsize={length}
        aria-posinset={index + 1}
        style={{ height: itemHeight, transform: `translateY(${index * itemHeight}px)` }}
      >
        {item !== undefined && renderItem(item)}
      </li>,
    );
  }
  return (
    <div
      ref={scrollRef}
      className="virtual-list"
      onKeyDown={onKeyDown}
      onFocus={() => (heading.current = undefined)}
    >
      <ul aria-label={label} style={{ height: length * itemHeight }}>
        {rows}
      </ul>
    </div>
  );
}

/** The rows within the scroll box's view (plus overscan), kept current as it scrolls or resizes. */
function useVisibleRange(
  scrollRef: React.RefObject<HTMLDivElement | null>,
  itemHeight: number,
  count: number,
): RowRange {
  const [range, setRange] = useState<RowRange>(FIRST_ROWS);
  const update = useCallback(() => {
    const box = scrollRef.current;
    if (!box) return;
    const first = Math.max(0, Math.floor(box.scrollTop / itemHeight) - OVERSCAN);
    const last = Math.ceil((box.scrollTop + box.clientHeight) / itemHeight) + OVERSCAN;
    // Most scroll events stay within the same rows: re-render only when the rows change.
    setRange((now) => (now.first === first && now.last === last ? now : { first, last }));
  }, [scrollRef, itemHeight]);

  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    update();
    const resized = new ResizeObserver(update);
    resized.observe(box);
    box.addEventListener('scroll', update, { passive: true });
    return () => {
      resized.disconnect();
      box.removeEventListener('scroll', update);
    };
  }, [scrollRef, update, count]);
  return range;
}

/** Scrolls the least distance that shows the whole row, as focus() would for a real row. */
function scrollRowIntoView(box: HTMLElement, index: number, itemHeight: number): void {
  const top = index * itemHeight;
  if (top < box.scrollTop) box.scrollTop = top;
  else if (top + itemHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = top + itemHeight - box.clientHeight;
  }
}
