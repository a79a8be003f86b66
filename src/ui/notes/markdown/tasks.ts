/**
 * A task list item as the source text holds it, read at the item's start: the list marker
 * (`-`, `*`, `+`, `1.` or `1)`), the spaces after it, and the box (`[ ]`, `[x]`, `[X]`), which
 * is followed by a space or the line's end. Sticky: it matches only exactly at `lastIndex`.
 */
const TASK_AT = /(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ \txX])\](?=[ \t\r\n]|$)/y;

/**
 * The text with the task list item that starts at `offset` ticked or unticked: only the one
 * character inside its box changes, so the edit is as small as a keystroke and merges with
 * other devices' edits line by line. The offset is the list item's start as the Markdown
 * parser reports it (the marker's first character). When the offset no longer points at a
 * task (the text changed since it was rendered), or the box already says so, the text comes
 * back unchanged: a tick never edits anything but a box.
 */
export function setTaskChecked(text: string, offset: number, checked: boolean): string {
  TASK_AT.lastIndex = offset;
  const match = TASK_AT.exec(text);
  if (!match) return text;
  const mark = match[1]!;
  if ((mark === 'x' || mark === 'X') === checked) return text;
  // The box's one character sits just before its closing bracket, at the match's end.
  const at = offset + match[0].length - 2;
  return text.slice(0, at) + (checked ? 'x' : ' ') + text.slice(at + 1);
}

/** A checkbox ticked or unticked in the rendered note, and the text that was rendered. */
export interface TaskTick {
  source: string;
  offset: number;
  checked: boolean;
}

/**
 * The note's current text after a tick. The rendered view may lag a keystroke behind the text
 * (it renders a deferred copy while the person types): a tick on a text that has changed since
 * could land on another line, so it changes nothing, and the box, which shows the text, springs
 * back until the view has caught up.
 */
export function applyTick(text: string, { source, offset, checked }: TaskTick): string {
  return source === text ? setTaskChecked(text, offset, checked) : text;
}
