import { useId, useState } from 'react';
import type { ImportPreview } from '../../backup/importBackup.ts';
import { counted } from '../common/counted.ts';

/**
 * What a backup file holds, before anything is written: how many notes and contacts, which
 * records are left out and why, and what to do with those already on this device.
 */
export function ImportPreviewPanel({
  preview,
  fileName,
  onImport,
  onCancel,
}: {
  preview: ImportPreview;
  fileName: string;
  onImport: (keepDuplicates: boolean) => void;
  onCancel: () => void;
}) {
  const headingId = useId();
  const [keepDuplicates, setKeepDuplicates] = useState(false);
  const { counts, duplicates, invalid } = preview;
  const importing = preview.records.length - (keepDuplicates ? 0 : duplicates.length);
  return (
    <section className="import-preview" aria-labelledby={headingId}>
      <h3 id={headingId}>In {fileName}</h3>
      <p>
        {counted(counts.notes, 'note')}, {counted(counts.contacts, 'contact')}
        {invalid.length > 0 && `, ${counted(invalid.length, 'invalid record')}`}.
      </p>
      {invalid.length > 0 && (
        <details>
          <summary>
            Why {invalid.length === 1 ? 'one record is' : `${invalid.length} records are`} left out
          </summary>
          <ul className="import-invalid">
            {invalid.slice(0, 50).map((record) => (
              <li key={`${record.collection}-${record.position}`}>
                {record.collection}, record {record.position}: {record.reason}
              </li>
            ))}
            {invalid.length > 50 && <li>…and {invalid.length - 50} more.</li>}
          </ul>
        </details>
      )}
      {duplicates.length > 0 && (
        <fieldset className="theme-choices">
          <legend>
            {duplicates.length === 1
              ? 'One is already on this device'
              : `${duplicates.length.toLocaleString()} are already on this device`}
          </legend>
          <p className="hint">The same record, or a contact with the same name and email.</p>
          <label className="checkbox">
            <input
              type="radio"
              name="duplicates"
              checked={!keepDuplicates}
              onChange={() => setKeepDuplicates(false)}
            />
            Skip them
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="duplicates"
              checked={keepDuplicates}
              onChange={() => setKeepDuplicates(true)}
            />
            Keep both
          </label>
        </fieldset>
      )}
      <div className="data-actions">
        <button
          type="button"
          className="primary"
          disabled={importing === 0}
          onClick={() => onImport(keepDuplicates)}
        >
          {importing === 0 ? 'Nothing to import' : `Import ${counted(importing, 'record')}`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
