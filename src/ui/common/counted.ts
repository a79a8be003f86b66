/** "1 note", "1,200 notes": a count with its noun, grouped as the person's locale writes it. */
export function counted(n: number, noun: string): string {
  return `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;
}
