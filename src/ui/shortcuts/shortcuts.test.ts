import { describe, expect, it } from 'vitest';
import { modifierName, shortcutOf } from './shortcuts.ts';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  defaultPrevented: false,
  repeat: false,
  ...modifiers,
});
const onPage = { typing: false, dialogOpen: false };

describe('shortcutOf', () => {
  it('maps each key outside a field to its action', () => {
    expect(shortcutOf(press('/'), onPage)).toBe('search');
    expect(shortcutOf(press('k', { ctrlKey: true }), onPage)).toBe('search');
    expect(shortcutOf(press('K', { metaKey: true }), onPage)).toBe('search');
    expect(shortcutOf(press('n'), onPage)).toBe('new-note');
    expect(shortcutOf(press('N'), onPage)).toBe('new-note');
    expect(shortcutOf(press('c'), onPage)).toBe('new-contact');
    expect(shortcutOf(press('?'), onPage)).toBe('help');
    expect(shortcutOf(press('x'), onPage)).toBeUndefined();
  });

  it('never fires while typing in a field or with a dialog open, Ctrl K included', () => {
    for (const where of [
      { typing: true, dialogOpen: false },
      { typing: false, dialogOpen: true },
    ]) {
      for (const key of ['/', 'n', 'c', '?']) expect(shortcutOf(press(key), where)).toBeUndefined();
      expect(shortcutOf(press('k', { ctrlKey: true }), where)).toBeUndefined();
    }
  });

  it('leaves other combinations, repeats and composition to the browser and the system', () => {
    expect(shortcutOf(press('n', { ctrlKey: true }), onPage)).toBeUndefined();
    expect(shortcutOf(press('c', { metaKey: true }), onPage)).toBeUndefined();
    expect(shortcutOf(press('n', { altKey: true }), onPage)).toBeUndefined();
    expect(shortcutOf(press('k', { ctrlKey: true, altKey: true }), onPage)).toBeUndefined();
    expect(shortcutOf({ ...press('n'), repeat: true }, onPage)).toBeUndefined();
    expect(shortcutOf({ ...press('n'), isComposing: true }, onPage)).toBeUndefined();
    expect(shortcutOf({ ...press('/'), defaultPrevented: true }, onPage)).toBeUndefined();
  });
});

describe('modifierName', () => {
  it('is ⌘ on Apple systems and Ctrl elsewhere', () => {
    expect(modifierName('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)')).toBe('⌘');
    expect(modifierName('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('⌘');
    expect(modifierName('Mozilla/5.0 (X11; Linux x86_64)')).toBe('Ctrl');
    expect(modifierName('Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe('Ctrl');
  });
});
