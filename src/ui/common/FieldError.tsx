/** A refusal in words, beside the field or form it concerns; nothing while there is none. */
export function FieldError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
