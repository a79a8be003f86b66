import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * A panel opened by a button (sign-in, sync details): Escape and a click or tap outside both
 * the panel and its button close it, and focus goes back to the button when it was inside the
 * panel, so keyboard and screen-reader users are never left on the page itself.
 */
export function usePopover(
  opener: RefObject<HTMLElement | null>,
  panel: RefObject<HTMLElement | null>,
) {
  const [open, setOpen] = useState(false);

  const close = useCallback(() => {
    const hadFocus = panel.current?.contains(document.activeElement) ?? false;
    setOpen(false);
    if (hadFocus || document.activeElement === document.body) opener.current?.focus();
  }, [opener, panel]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (panel.current?.contains(target) || opener.current?.contains(target)) return;
      // A click outside moves focus where the person clicked: leave it there.
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close, opener, panel]);

  return { open, toggle: () => (open ? close() : setOpen(true)), close };
}
