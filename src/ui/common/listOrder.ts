import { useState } from 'react';

/**
 * The order a person chose for a list, remembered on this device (localStorage: a preference
 * of the screen, not data to sync). An order the app no longer offers falls back to the first.
 */
export function useListOrder<O extends string>(
  list: 'notes' | 'contacts',
  orders: Record<O, string>,
): [O, (order: O) => void] {
  const key = `outpost-order-${list}`;
  const [order, setOrder] = useState<O>(() => {
    const stored = readStored(key);
    const offered = Object.keys(orders) as O[];
    return offered.find((option) => option === stored) ?? offered[0]!;
  });
  function choose(next: O) {
    setOrder(next);
    try {
      localStorage.setItem(key, next);
    } catch {
      // Storage full or refused (private mode): the order holds until the page goes.
    }
  }
  return [order, choose];
}

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
