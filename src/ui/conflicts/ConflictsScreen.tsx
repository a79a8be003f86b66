import { usePageTitle } from '../common/usePageTitle.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { recordNoun } from '../common/fieldText.ts';
import { describeKind } from './labels.ts';
import { ResolveButton } from './ResolveButton.tsx';
import { useConflictList } from './useConflictList.ts';
// Its own styles too: the list can be opened before any dialog has loaded them.
import './conflicts.css';

const HEADING_ID = 'conflicts-heading';

/** After a decision its row goes: focus moves to the next conflict's button, or the heading. */
function nextConflict(key: string): HTMLElement | null {
  const row = document.querySelector(`li[data-record-key="${key}"]`);
  const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling) as HTMLElement | null;
  return (
    neighbour?.querySelector<HTMLElement>('.resolve-button') ?? document.getElementById(HEADING_ID)
  );
}

/**
 * Every open conflict in one place, including records this device shows as deleted (it
 * deleted them while another device edited them), which no list of notes or contacts shows.
 */
export function ConflictsScreen() {
  const conflicts = useConflictList();
  usePageTitle('Conflicts');
  return (
    <div className="conflicts-screen">
      <h1 id={HEADING_ID} tabIndex={-1}>
        Conflicts
      </h1>
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
            <li
              key={`${item.collection}:${item.recordId}`}
              data-record-key={`${item.collection}:${item.recordId}`}
            >
              {/* Every row alike: a record deleted here has no page to link to, so none links. */}
              <span>
                <strong>{item.label}</strong> · {recordNoun(item.collection)} ·{' '}
                {describeKind(item.kind, item.collection, item.other)}
              </span>
              <ResolveButton
                collection={item.collection}
                recordId={item.recordId}
                label={`Resolve: ${item.label}`}
                whenDecided={() => nextConflict(`${item.collection}:${item.recordId}`)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
