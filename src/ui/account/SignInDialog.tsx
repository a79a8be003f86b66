import { useId } from 'react';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { SignInForm } from './SignInForm.tsx';

/**
 * Signing in, as a dialog: centred on any screen (a popover under the header button once
 * opened off the left edge of a phone), Escape or a tap outside closes it, and focus stays
 * inside while it is open. `onClose(true)` once signed in.
 */
export function SignInDialog({
  username,
  onClose,
}: {
  username: string | undefined;
  onClose: (signedIn: boolean) => void;
}) {
  const headingId = useId();
  return (
    <ModalDialog
      labelledBy={headingId}
      className="sign-in-dialog"
      onClose={() => onClose(false)}
      closeOnOutsideTap
    >
      <h2 id={headingId}>Sign in to sync</h2>
      <p className="hint">
        Your notes and contacts stay on this device either way; an account keeps your devices in
        step.
      </p>
      <SignInForm username={username} onDone={() => onClose(true)} />
    </ModalDialog>
  );
}
