import { Fragment, useId } from 'react';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { modifierName, SHORTCUTS } from './shortcuts.ts';

/** The list of keyboard shortcuts (`?`, or Settings → Keyboard). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const headingId = useId();
  const keyName = (key: string) => (key === 'Mod' ? modifierName(navigator.userAgent) : key);
  return (
    <ModalDialog
      labelledBy={headingId}
      className="shortcuts-dialog"
      onClose={onClose}
      closeOnOutsideTap
    >
      <h2 id={headingId}>Keyboard shortcuts</h2>
      <p className="hint">They work anywhere outside a text field.</p>
      <dl className="shortcut-list">
        {SHORTCUTS.map(({ action, keys, description }) => (
          <Fragment key={action}>
            <dt>
              {keys.map((combination, index) => (
                <Fragment key={combination.join('+')}>
                  {index > 0 && ' or '}
                  {combination.map((key) => (
                    <kbd key={key}>{keyName(key)}</kbd>
                  ))}
                </Fragment>
              ))}
            </dt>
            <dd>{description}</dd>
          </Fragment>
        ))}
      </dl>
      <div className="sheet-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
