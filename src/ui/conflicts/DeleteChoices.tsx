import type { ConflictView } from '../../conflicts/describe.ts';
import type { ConflictDecision } from '../../conflicts/plan.ts';
import type { FieldValue } from '../../protocol/mutation.ts';
import { fieldNames } from '../../model/collections.ts';
import { sameValue } from '../../model/merge/equal.ts';
import { fieldLabel, valueText } from '../common/fieldText.ts';

type Decide = (decision: ConflictDecision, done: string) => void;

/**
 * [P4][P5] One side deleted the record while the other changed it. The dialog shows what the
 * changing side did (so deleting is an informed choice) and offers the two ways out:
 * - `deleted` (another device deleted it): restore it with my changes, or discard them;
 * - `delete-edited` (I deleted it): delete it anyway, or keep the other device's edited record.
 */
export function DeleteChoices({
  view,
  noun,
  onDecide,
}: {
  view: ConflictView;
  noun: string;
  onDecide: Decide;
}) {
  const changed = changedFields(view);
  const mineDeleted = view.kind === 'delete-edited';
  return (
    <div className="delete-choices">
      {changed.length > 0 && (
        <table className="conflict-table">
          <caption>
            {mineDeleted
              ? `What the other device changed before you deleted this ${noun}`
              : `Your changes to this ${noun}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{mineDeleted ? 'When you deleted it' : 'Yours'}</th>
              <th scope="col">
                {mineDeleted ? 'Now, on the other device' : 'When it was deleted'}
              </th>
            </tr>
          </thead>
          <tbody>
            {changed.map(({ field, mine, theirs }) => (
              <tr key={field}>
                <th scope="row">{fieldLabel(view.collection, field)}</th>
                <td>{valueText(field, mine)}</td>
                <td>{valueText(field, theirs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="resolve-actions">
        {mineDeleted ? (
          <>
            <button
              type="button"
              className="danger"
              onClick={() => onDecide({ kind: 'mine' }, `Deleted the ${noun} on every device.`)}
            >
              Delete anyway
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => onDecide({ kind: 'theirs' }, `Kept the edited ${noun}.`)}
            >
              Keep the edited {noun}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              onClick={() => onDecide({ kind: 'mine' }, `Restored the ${noun} with your changes.`)}
            >
              Restore with my changes
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => onDecide({ kind: 'theirs' }, 'Your changes were discarded.')}
            >
              Discard my changes
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * `deleted`: my changes, mine against the tombstone. `delete-edited`: what the other device
 * changed, the values I saw when I deleted (the delete's base) against the server's now.
 */
function changedFields(view: ConflictView) {
  const mine = view.mine as unknown as Record<string, FieldValue>;
  const theirs = view.theirs as unknown as Record<string, FieldValue>;
  const before = view.kind === 'delete-edited' ? { ...mine, ...view.base } : mine;
  return fieldNames(view.spec)
    .filter((field) => !sameValue(before[field], theirs[field]))
    .map((field) => ({ field, mine: before[field], theirs: theirs[field] }));
}
