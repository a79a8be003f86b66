/**
 * Texts as lines for the line-based merge (R3). Lines split on LF or CRLF, so a note edited on
 * Windows and on a phone still lines up; the merged text is joined with one ending style.
 */
export type LineEnding = '\n' | '\r\n';

/**
 * Splits on every line ending. A trailing newline yields a last empty line, so whether a text
 * ends with a newline is itself a line a merge keeps or changes like any other.
 */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * The ending style of the first text (in order of preference) that has a line break: a merge
 * keeps the style of the server's current value. A text with any CRLF counts as CRLF.
 */
export function lineEndingOf(...texts: string[]): LineEnding {
  for (const text of texts) {
    if (text.includes('\r\n')) return '\r\n';
    if (text.includes('\n')) return '\n';
  }
  return '\n';
}

/**
 * Maps lines to small integers, equal lines to equal numbers. The diff library indexes lines
 * in a plain object, where a line such as `constructor` or `__proto__` would hit the object's
 * prototype; numbers cannot. Comparing numbers is also cheaper than comparing long lines.
 */
export class LineTable {
  private readonly ids = new Map<string, number>();
  private readonly lines: string[] = [];

  /** How many distinct lines were seen: every token is below this. */
  get size(): number {
    return this.lines.length;
  }

  tokens(lines: readonly string[]): number[] {
    return lines.map((line) => {
      let id = this.ids.get(line);
      if (id === undefined) {
        id = this.lines.length;
        this.ids.set(line, id);
        this.lines.push(line);
      }
      return id;
    });
  }

  text(tokens: readonly number[]): string[] {
    return tokens.map((token) => this.lines[token]!);
  }
}
