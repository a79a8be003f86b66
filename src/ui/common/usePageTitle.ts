import { useEffect } from 'react';

/**
 * The tab's title names the screen, and the record open in it: "Groceries — Outpost". It is
 * what a person sees in the tab strip and the app switcher, and what a screen reader says first.
 */
export function usePageTitle(name: string): void {
  useEffect(() => {
    document.title = `${name} — Outpost`;
  }, [name]);
}
