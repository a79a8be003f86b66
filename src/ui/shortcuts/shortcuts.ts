/**
 * The app's keyboard shortcuts: which key does what, and when a key is a shortcut at all.
 *
 * A key is a shortcut only where it cannot be typing: never in a field (input, textarea,
 * select, anything editable), never while a dialog is open (its keys are its own), and never
 * mid-composition (an IME turning keys into a character). Ctrl K and ⌘ K are the one
 * combination, as in most apps that search; other combinations are the browser's and the
 * system's. In a field even Ctrl K stays the field's: on a Mac it deletes to the line's end.
 */

export type ShortcutAction = 'search' | 'new-note' | 'new-contact' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /**
   * The keys as the list shows them, each a <kbd>; alternatives in separate entries. `Mod` is
   * Ctrl, or ⌘ on Apple's systems (modifierName).
   */
  keys: string[][];
  description: string;
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'search', keys: [['/'], ['Mod', 'K']], description: 'Search notes and contacts' },
  { action: 'new-note', keys: [['N']], description: 'New note' },
  { action: 'new-contact', keys: [['C']], description: 'New contact' },
  { action: 'help', keys: [['?']], description: 'Show these shortcuts' },
];

const SINGLE_KEYS: Record<string, ShortcutAction> = {
  '/': 'search',
  n: 'new-note',
  N: 'new-note',
  c: 'new-contact',
  C: 'new-contact',
  '?': 'help',
};

type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing' | 'defaultPrevented' | 'repeat'
>;

/** What `Mod` is called on this device's keyboard: ⌘ on Apple's systems, Ctrl elsewhere. */
export function modifierName(userAgent: string): string {
  return /Macintosh|iPhone|iPad/.test(userAgent) ? '⌘' : 'Ctrl';
}

/** Where the key was pressed: in a field (isTypingTarget), or with a dialog open. */
export interface KeyContext {
  typing: boolean;
  dialogOpen: boolean;
}

/** The action a key press asks for, or undefined when it is not a shortcut here. */
export function shortcutOf(press: KeyPress, where: KeyContext): ShortcutAction | undefined {
  if (press.defaultPrevented || press.isComposing || press.repeat) return undefined;
  if (where.dialogOpen || where.typing) return undefined;
  const withCommand = press.ctrlKey || press.metaKey;
  if (withCommand && !press.altKey && press.key.toLowerCase() === 'k') return 'search';
  if (withCommand || press.altKey) return undefined;
  return SINGLE_KEYS[press.key];
}

/** Inputs that take no typed text: a key on them is free for a shortcut. */
const KEYLESS_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'file',
  'image',
  'color',
  'range',
]);

/**
 * Whether keys pressed with focus on `target` type into it: text fields of every kind,
 * anything editable, and a select (letters pick its options).
 */
export function isTypingTarget(target: Element | null): boolean {
  if (!target) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !KEYLESS_INPUTS.has(target.type);
  return target.closest('textarea, select') !== null;
}
