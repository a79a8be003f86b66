/**
 * The formats by name, for the screens: kept apart from the converters (files.ts), which bring
 * the zip and vCard libraries along and load only when a file is exported or imported.
 */
export const EXPORT_FORMATS = {
  backup: 'Full backup (JSON)',
  markdown: 'Notes as Markdown (zip)',
  vcard: 'Contacts as vCard',
  csv: 'Contacts as CSV',
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The files an import takes, for the file picker. */
export const IMPORT_ACCEPT =
  '.json,.zip,.vcf,.csv,application/json,application/zip,text/vcard,text/csv';
