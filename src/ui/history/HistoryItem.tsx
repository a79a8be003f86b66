import { useId } from 'react';
import type { CollectionName } from '../../model/collections.ts';
import type { HistoryEntry } from '../../protocol/sync.ts';
import { fieldLabel, formatTime, valueText } from '../common/fieldText.ts';
import {
  deviceLabel,
  holdsValues,
  opLabel,
  restorableValues,
  shortened,
  valuesInBrief,
  type RestorableValues,
} from './historyValues.ts';

export interface HistoryItemProps {
  collection: CollectionName;
  entry: HistoryEntry;
  oldest: boolean;
  /** The record as this device holds it now, to tell whether a restore would change anything. */
  current: object | null | undefined;
  thisDevice: string | undefined;
  onRestore: (entry: HistoryEntry, values: RestorableValues) => void;
}

/**
 * [H1] One applied change: when, from which device, what it did, and the values it replaced,
 * with a button that puts the restorable ones back. The list item is named by its summary line,
 * and the button by its entry's time and values (label in name: it starts with the visible
 * text), so a screen reader tells the entries apart.
 */
export function HistoryItem({
  collection,
  entry,
  oldest,
  current,
  thisDevice,
  onRestore,
}: HistoryItemProps) {
  const summaryId = useId();
  const when = formatTime(entry.at);
  const replaced = Object.entries(entry.previous);
  const lost = Object.entries(entry.lost ?? {});
  const restorable = (values: Record<string, unknown>) => restorableValues(collection, values);
  // Tags, counters and deletion are shown but never set by a restore [P7].
  const untouched = [...replaced, ...lost].some(
    ([field, value]) => Object.keys(restorable({ [field]: value })).length === 0,
  );

  return (
    <li className="history-entry" aria-labelledby={summaryId}>
      <p id={summaryId} className="history-summary">
        <time dateTime={new Date(entry.at).toISOString()}>{when}</time>:{' '}
        {lost.length > 0 && replaced.length === 0 ? 'Edit overruled' : opLabel(entry, oldest)} on{' '}
        {deviceLabel(entry, thisDevice)}
      </p>
      {replaced.length > 0 && (
        <ValuesBlock
          caption="Before this change:"
          fields={replaced}
          values={restorable(entry.previous)}
          restoreText="Restore these values"
          {...{ collection, when, current, summaryId: `${summaryId}-replaced` }}
          onRestore={(values) => onRestore(entry, values)}
        />
      )}
      {lost.length > 0 && (
        // [P3 latest-wins] this device's values lost to a later edit: kept so they can come back.
        <ValuesBlock
          caption="Written here, but a later edit from another device won (latest edit wins):"
          fields={lost}
          values={restorable(entry.lost ?? {})}
          restoreText="Use these values after all"
          {...{ collection, when, current, summaryId: `${summaryId}-lost` }}
          onRestore={(values) => onRestore(entry, values)}
        />
      )}
      {untouched && (
        <p className="history-hint">
          Tags, counters and deletion are not restored from here: tags and counters combine the
          edits of every device.
        </p>
      )}
    </li>
  );
}

/** A list of values, and a button that puts the restorable ones back. */
function ValuesBlock({
  collection,
  caption,
  fields,
  values,
  restoreText,
  when,
  current,
  summaryId,
  onRestore,
}: {
  collection: CollectionName;
  caption: string;
  fields: [string, unknown][];
  values: RestorableValues;
  restoreText: string;
  when: string;
  current: object | null | undefined;
  summaryId: string;
  onRestore: (values: RestorableValues) => void;
}) {
  const isCurrent = holdsValues(current, values);
  return (
    <>
      <p className="history-caption">{caption}</p>
      <dl className="history-values">
        {fields.map(([field, value]) => (
          <div key={field}>
            <dt>{fieldLabel(collection, field)}</dt>
            <dd>
              <Value field={field} label={fieldLabel(collection, field)} value={value} />
            </dd>
          </div>
        ))}
      </dl>
      {Object.keys(values).length > 0 && (
        // Once the values are current the button stays, marked aria-disabled rather than
        // removed or disabled, so keyboard focus is not lost right after a restore.
        <p className="history-restore">
          <button
            type="button"
            aria-label={`${restoreText} from ${when}: ${valuesInBrief(collection, values)}`}
            aria-disabled={isCurrent || undefined}
            aria-describedby={isCurrent ? `${summaryId}-current` : undefined}
            onClick={() => !isCurrent && onRestore(values)}
          >
            {restoreText}
          </button>
          {isCurrent && (
            <span id={`${summaryId}-current`} className="history-hint">
              These are the current values.
            </span>
          )}
        </p>
      )}
    </>
  );
}

/** A long or multi-line text shows its start; the whole value is one click (or Enter) away. */
function Value({ field, label, value }: { field: string; label: string; value: unknown }) {
  const text = valueText(field, value);
  const short = typeof value === 'string' ? shortened(value) : undefined;
  if (short === undefined) return <span className="history-value">{text}</span>;
  return (
    <details className="history-long">
      <summary>
        <span className="history-value">{short}</span>{' '}
        <span className="history-more">(show all {label.toLowerCase()})</span>
      </summary>
      <pre className="history-full">{text}</pre>
    </details>
  );
}
