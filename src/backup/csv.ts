import type { FieldsOf } from '../model/collections.ts';
import type { Candidate } from './importBackup.ts';

/**
 * Contacts as CSV (RFC 4180): a header row, then one row per contact, for a spreadsheet.
 * Fields holding a comma, a quote or a line break are quoted, quotes doubled. Tags are a JSON
 * list in their cell (a tag may hold a comma); an import also takes them comma-separated, as a
 * person would type them. Columns are found by their header, in any order; others are ignored.
 */

type ContactFields = FieldsOf['contacts'];

const COLUMNS = [
  'id',
  'name',
  'email',
  'phone',
  'company',
  'notes',
  'tags',
  'favorite',
  'timesContacted',
] as const;

export function contactsToCsv(contacts: (ContactFields & { id: string })[]): string {
  const rows = contacts.map((contact) =>
    COLUMNS.map((column) => {
      const value = contact[column];
      return column === 'tags' ? JSON.stringify(value) : String(value);
    }),
  );
  return [[...COLUMNS], ...rows].map((row) => row.map(quoted).join(',')).join('\r\n') + '\r\n';
}

/**
 * A cell as a spreadsheet will read it. One that starts like a formula (= + - @) gets a leading
 * apostrophe, which spreadsheets show as text and never run (OWASP's CSV injection advice); an
 * import takes it off again (cellText).
 */
function quoted(value: string): string {
  const cell = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A cell's text, without the apostrophe an export put before what looks like a formula. */
function cellText(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/** The contacts of a CSV file with a header row naming at least `name`. */
export function contactsFromCsv(text: string): Candidate[] | undefined {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const columns = (header ?? []).map((name) => name.trim().toLowerCase());
  if (!columns.includes('name')) return undefined;
  const at = (row: string[], name: string) =>
    cellText(row[columns.indexOf(name.toLowerCase())] ?? '');
  return rows
    .filter((row) => row.some((cell) => cell.trim() !== ''))
    .map((row) => {
      const id = at(row, 'id').trim();
      const contacted = Number(at(row, 'timesContacted') || 0);
      return {
        collection: 'contacts',
        ...(id ? { id } : {}),
        // Checked as any import's are (checkCandidates): tags from a cell may not be a list.
        fields: {
          name: at(row, 'name'),
          email: at(row, 'email').trim(),
          phone: at(row, 'phone'),
          company: at(row, 'company'),
          notes: at(row, 'notes'),
          tags: tagsOf(at(row, 'tags')),
          favorite: ['true', 'yes', '1'].includes(at(row, 'favorite').trim().toLowerCase()),
          timesContacted: Number.isInteger(contacted) ? contacted : 0,
        },
      };
    });
}

function tagsOf(cell: string): unknown {
  if (cell.trim().startsWith('[')) {
    try {
      return JSON.parse(cell) as unknown;
    } catch {
      // Not a JSON list after all: read it as comma-separated.
    }
  }
  return [
    ...new Set(
      cell
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quotedCell = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quotedCell) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quotedCell = false;
      else cell += char;
    } else if (char === '"' && cell === '') quotedCell = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
