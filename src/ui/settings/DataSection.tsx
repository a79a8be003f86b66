import { useRef, useState } from 'react';
import { EXPORT_FORMATS, IMPORT_ACCEPT, type ExportFormat } from '../../backup/formatNames.ts';
import {
  fileTooLarge,
  ImportError,
  importRecords,
  MAX_IMPORT_BYTES,
  previewImport,
  type ImportPreview,
} from '../../backup/importBackup.ts';
import { ChoiceSelect } from '../common/ChoiceSelect.tsx';
import { focusWhenShown } from '../common/focus.ts';
import { describeError, useNotices } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { ImportPreviewPanel } from './ImportPreviewPanel.tsx';
import { counted } from '../common/counted.ts';

type ImportState =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'preview'; preview: ImportPreview; fileName: string }
  | { step: 'importing'; done: number; total: number }
  | { step: 'failed'; message: string };

/**
 * Your data: every note and contact on this device as a file (a full backup, or Markdown, vCard
 * and CSV for other apps), and such a file brought back after a look at what is in it. Both work offline; imported records
 * sync like anything typed.
 */
export function DataSection() {
  const outpost = useOutpost();
  const notices = useNotices();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [format, setFormat] = useState<ExportFormat>('backup');
  const fileInput = useRef<HTMLInputElement>(null);
  /** The file read last: a file chosen while another is still being read replaces it. */
  const latestRead = useRef(0);

  async function download() {
    try {
      const { exportFile } = await loadConverters();
      const file = await exportFile(outpost.db, format);
      const blob = new Blob([file.content as BlobPart], { type: file.type });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      const held = [
        format !== 'vcard' && format !== 'csv' ? counted(file.counts.notes, 'note') : '',
        format !== 'markdown' ? counted(file.counts.contacts, 'contact') : '',
      ].filter(Boolean);
      notices.show({ tone: 'info', message: `Saved ${file.name}: ${held.join(' and ')}.` });
    } catch (caught) {
      notices.showError('Could not export', caught);
    }
  }

  async function read(file: File) {
    if (file.size > MAX_IMPORT_BYTES) {
      latestRead.current += 1;
      return setState({ step: 'failed', message: fileTooLarge(file.size).message });
    }
    const reading = ++latestRead.current;
    const settle = (next: ImportState) => reading === latestRead.current && setState(next);
    setState({ step: 'reading' });
    try {
      const { readImportFile } = await loadConverters();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const preview = await previewImport(outpost, readImportFile(file.name, bytes));
      settle({ step: 'preview', preview, fileName: file.name });
    } catch (caught) {
      settle({ step: 'failed', message: messageOf(caught) });
    }
  }

  async function runImport(preview: ImportPreview, keepDuplicates: boolean) {
    const total = preview.records.length - (keepDuplicates ? 0 : preview.duplicates.length);
    setState({ step: 'importing', done: 0, total });
    try {
      const imported = await importRecords(outpost, preview, {
        keepDuplicates,
        onProgress: (done) => setState({ step: 'importing', done, total }),
      });
      setState({ step: 'idle' });
      notices.show({ tone: 'info', message: importedSentence(imported) });
      // The preview that held focus is gone: back to where the import started.
      focusWhenShown(() => fileInput.current);
    } catch (caught) {
      focusWhenShown(() => fileInput.current);
      setState({
        step: 'failed',
        message: `Nothing was imported: ${describeError(caught)}. Try again; the file is unchanged.`,
      });
    }
  }

  function reset() {
    setState({ step: 'idle' });
    focusWhenShown(() => fileInput.current);
  }

  return (
    <section className="settings-section" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p className="hint">
        Take every note and contact on this device with you, as one backup file or in formats other
        apps read, and bring them back. It works offline.
      </p>
      <div className="data-actions">
        <ChoiceSelect
          label="Export as"
          className="export-format"
          choices={EXPORT_FORMATS}
          value={format}
          onChange={setFormat}
        />
        <button type="button" onClick={() => void download()}>
          Export
        </button>
      </div>
      <div className="data-actions">
        <label className="button file-button">
          Import a file…
          <input
            ref={fileInput}
            type="file"
            accept={IMPORT_ACCEPT}
            disabled={state.step === 'importing'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Cleared at once, so choosing the same file again (after a fix, a cancel) reads it again.
              event.target.value = '';
              if (file) void read(file);
            }}
          />
        </label>
      </div>
      {state.step === 'reading' && <p role="status">Reading the file…</p>}
      {state.step === 'failed' && (
        <p role="alert" className="field-error">
          {state.message}
        </p>
      )}
      {state.step === 'preview' && (
        <ImportPreviewPanel
          preview={state.preview}
          fileName={state.fileName}
          onImport={(keepDuplicates) => void runImport(state.preview, keepDuplicates)}
          onCancel={reset}
        />
      )}
      {state.step === 'importing' && (
        <div className="import-progress">
          <progress value={state.done} max={state.total} aria-label="Importing" />
          <p role="status">
            Importing {state.done.toLocaleString()} of {state.total.toLocaleString()}…
          </p>
        </div>
      )}
    </section>
  );
}

function messageOf(caught: unknown): string {
  if (caught instanceof ImportError) return caught.message;
  return `Could not read this file: ${describeError(caught)}.`;
}

/** "Imported 3 notes and 1 contact." — naming only what there was. */
function importedSentence(imported: { notes: number; contacts: number }): string {
  const parts = [
    imported.notes > 0 ? counted(imported.notes, 'note') : '',
    imported.contacts > 0 ? counted(imported.contacts, 'contact') : '',
  ].filter(Boolean);
  return parts.length > 0 ? `Imported ${parts.join(' and ')}.` : 'Nothing was imported.';
}

/** The converters and their libraries (zip, vCard), fetched the first time they are used. */
function loadConverters() {
  return import('../../backup/files.ts');
}
