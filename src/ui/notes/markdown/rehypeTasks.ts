import type { Element, ElementContent, Root } from 'hast';

declare module 'hast' {
  interface ElementData {
    /** A task's checkbox: where its list item starts in the Markdown source (tasks.ts). */
    taskOffset?: number;
  }
}

/** Elements that end a task's own text: what follows them (a nested list…) is not its label. */
const BLOCKS = new Set([
  'ul',
  'ol',
  'p',
  'pre',
  'blockquote',
  'table',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/**
 * A rehype plugin for GFM task lists. remark-gfm gives each task a bare, disabled checkbox; this
 * makes the checkbox and the item's own text one <label> (the text in a <span>), so the box is
 * named by its item and a tap on the text ticks it, and tells the checkbox where its list item
 * starts in the source, the one place a tick may change (`data.taskOffset`).
 */
export function rehypeTasks() {
  return (tree: Root) => walk(tree);
}

function walk(parent: Root | Element): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'li' && classes(child).includes('task-list-item')) labelTask(child);
    walk(child);
  }
}

function labelTask(item: Element): void {
  // In a tight list the checkbox is the item's first child; in a loose one, its paragraph's.
  const holder = isCheckbox(item.children[0])
    ? item
    : item.children.find(
        (child): child is Element =>
          child.type === 'element' && child.tagName === 'p' && isCheckbox(child.children[0]),
      );
  const checkbox = holder?.children[0];
  if (!holder || !isCheckbox(checkbox)) return;
  let end = 1;
  while (end < holder.children.length && !isBlock(holder.children[end])) end++;
  const text = trimmed(holder.children.slice(1, end));
  const offset = item.position?.start.offset;
  if (offset !== undefined) checkbox.data = { ...checkbox.data, taskOffset: offset };
  const label: Element = {
    type: 'element',
    tagName: 'label',
    properties: { className: ['task-label'] },
    children: [checkbox, { type: 'element', tagName: 'span', properties: {}, children: text }],
  };
  holder.children.splice(0, end, label);
}

function isCheckbox(node: ElementContent | undefined): node is Element {
  return (
    node?.type === 'element' && node.tagName === 'input' && node.properties['type'] === 'checkbox'
  );
}

function isBlock(node: ElementContent | undefined): boolean {
  return node?.type === 'element' && BLOCKS.has(node.tagName);
}

/** The text without the whitespace-only nodes at its ends (the line breaks around a list). */
function trimmed(nodes: ElementContent[]): ElementContent[] {
  const blank = (node: ElementContent | undefined) =>
    node?.type === 'text' && node.value.trim() === '';
  let start = 0;
  let end = nodes.length;
  while (start < end && blank(nodes[start])) start++;
  while (end > start && blank(nodes[end - 1])) end--;
  return nodes.slice(start, end);
}

function classes(element: Element): string[] {
  const value = element.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
}
