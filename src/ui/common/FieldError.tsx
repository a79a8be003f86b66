/** A refusal in words, beside the field or form it concerns; nothing while there is none. */
export function FieldError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
