import { linkProps } from '../app/router.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { recordNoun } from '../common/fieldText.ts';
import { describeKind } from './labels.ts';
import { ResolveButton } from './ResolveButton.tsx';
import { useConflictList } from './useConflictList.ts';

/**
 * Every open conflict in one place, including records this device shows as deleted (it
 * deleted them while another device edited them), which no list of notes or contacts shows.
 */
export function ConflictsScreen() {
  const conflicts = useConflictList();
  return (
    <div className="conflicts-screen">
      <h1>Conflicts</h1>
      {conflicts === undefined ? (
        <p className="loading">Loading…</p>
      ) : conflicts.length === 0 ? (
        <EmptyState title="No conflicts">
          <p>
            When two devices change the same thing while apart, Outpost merges what it safely can
            and asks you about the rest here.
          </p>
        </EmptyState>
      ) : (
        <ul className="conflict-list" aria-label="Open conflicts">
          {conflicts.map((item) => (
            <li key={`${item.collection}:${item.recordId}`}>
              <span>
                {item.kind === 'delete-edited' ? (
                  <strong>{item.label}</strong>
                ) : (
                  <a {...linkProps(`/${item.collection}/${item.recordId}`)}>{item.label}</a>
                )}{' '}
                · {recordNoun(item.collection)} · {describeKind(item.kind, item.collection)}
              </span>
              <ResolveButton
                collection={item.collection}
                recordId={item.recordId}
                label={`Resolve: ${item.label}`}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
