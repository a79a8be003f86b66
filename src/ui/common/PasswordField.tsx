/**
 * A labelled password input, as every form of the app asks for one: the browser's password
 * manager fills `current-password` and offers to save `new-password`; the server's limits
 * (A1: 8–200 characters; no account has a shorter one) are checked before sending.
 */
export function PasswordField({
  id,
  label,
  name,
  purpose,
  describedBy,
  errorId,
  autoFocus = false,
}: {
  id: string;
  label: string;
  name: string;
  /** `current`: the one the account has; `new`: one being chosen. */
  purpose: 'current' | 'new';
  describedBy?: string;
  /** The id of the message saying what is wrong, while something is. */
  errorId?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete={`${purpose}-password`}
        required
        minLength={8}
        maxLength={200}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[describedBy, errorId].filter(Boolean).join(' ') || undefined}
        // Where a dialog opens for this one field, focus is put in it.
        autoFocus={autoFocus}
      />
    </>
  );
}
