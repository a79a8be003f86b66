import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: T[];
  label: string;
  itemHeight: number;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
}

/**
 * A list that renders only the rows in view, so 10,000 notes scroll as smoothly as ten.
 * Screen readers still learn each row's place from aria-setsize/aria-posinset, and the arrow
 * keys move focus row to row, scrolling rows into existence first when needed.
 */
export function VirtualList<T>({
  items,
  label,
  itemHeight,
  itemKey,
  renderItem,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is mutable by design; this component re-renders on each of its changes
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => itemHeight,
    overscan: 8,
    getItemKey: (index) => itemKey(items[index]!),
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const step = moves[event.key];
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (step === undefined || !from) return;
    event.preventDefault();
    const next = Math.min(items.length - 1, Math.max(0, Number(from.dataset.index) + step));
    virtualizer.scrollToIndex(next);
    requestAnimationFrame(() => {
      const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`);
      row?.querySelector<HTMLElement>('a, button')?.focus();
    });
  }

  return (
    <div ref={scrollRef} className="virtual-list" onKeyDown={onKeyDown}>
      <ul aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            data-index={row.index}
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
            style={{ height: row.size, transform: `translateY(${row.start}px)` }}
          >
            {renderItem(items[row.index]!)}
          </li>
        ))}
      </ul>
    </div>
  );
}
