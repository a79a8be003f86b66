/**
 * Moves focus to what `find` returns, as soon as it is on screen. After an action that removes
 * the focused control (a delete, a decision, a sign-in form that closes), the place focus
 * belongs next often renders a moment later, when a live query answers or a route changes.
 * Gives up after `timeoutMs`, or as soon as the person has put focus somewhere new themselves:
 * their choice wins.
 */
export function focusWhenShown(
  find: () => HTMLElement | null | undefined,
  timeoutMs = 2_000,
): void {
  const focusedBefore = document.activeElement;
  const movedOn = () => {
    const now = document.activeElement;
    return now !== null && now !== document.body && now !== focusedBefore && now.isConnected;
  };
  // Focus can also fail on an element that is there: behind a modal dialog still closing, it
  // is inert. Only focus that actually moved counts.
  const attempt = (): boolean => {
    const target = find();
    if (!target?.isConnected) return false;
    target.focus();
    return document.activeElement === target;
  };
  if (attempt()) return;
  const observer = new MutationObserver(() => {
    if (movedOn() || attempt()) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * After the record of a list row is deleted: focus goes to the row after it, or the one
 * before it, or `fallback` (the list's "New" button) when it was the last, or when the list
 * given (a long list's loaded window) does not hold it.
 */
export function focusNextRow(
  list: { id: string }[] | undefined,
  removedId: string,
  row: (id: string) => HTMLElement | null,
  fallback: () => HTMLElement | null,
): void {
  const items = list ?? [];
  const index = items.findIndex((item) => item.id === removedId);
  const next = index < 0 ? undefined : (items[index + 1] ?? items[index - 1]);
  focusWhenShown(() => (next ? row(next.id) : fallback()));
}
