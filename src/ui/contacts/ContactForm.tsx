import { useId, useState, type FormEvent } from 'react';
import type { ContactFields } from '../../protocol/records.ts';
import { emptyFields } from '../../model/collections.ts';
import { validateFields, type FieldProblem } from '../../model/validation.ts';
import { navigate } from '../app/router.ts';
import { useNotices } from '../common/Notices.tsx';
import { TagEditor } from '../common/TagEditor.tsx';
import { UnsyncedMarker } from '../common/UnsyncedMarker.tsx';
import { ConflictMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { ResolveButton } from '../conflicts/ResolveButton.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import type { Contact } from '../data/queries.ts';
import { RecordHistory } from '../history/RecordHistory.tsx';
import { ContactedCounter } from './ContactedCounter.tsx';

type FormFields = Omit<ContactFields, 'tags' | 'timesContacted'>;
type TextField = Exclude<keyof FormFields, 'favorite'>;

const TEXT_FIELDS: { field: TextField; label: string; type?: string; maxLength: number }[] = [
  { field: 'name', label: 'Name (required)', maxLength: 200 },
  { field: 'email', label: 'Email', type: 'email', maxLength: 254 },
  { field: 'phone', label: 'Phone', type: 'tel', maxLength: 50 },
  { field: 'company', label: 'Company', maxLength: 200 },
];

function formFieldsOf(contact: Contact | undefined): FormFields {
  const { name, email, phone, company, notes, favorite } = contact ?? emptyFields('contacts');
  return { name, email, phone, company, notes, favorite };
}

/** Creates a contact (no `contact`) or edits one; checks R1 before anything is written. */
export function ContactForm({ contact }: { contact?: Contact }) {
  const { contacts } = useOutpost();
  const notices = useNotices();
  const conflicted = useConflictedKeys();
  const formId = useId();
  const [fields, setFields] = useState(() => formFieldsOf(contact));
  // Fields typed in since the last save: only these are kept when the stored contact changes.
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const [newTags, setNewTags] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);

  // Adopt changes to the stored contact (a sync, a resolved conflict, a restore from the
  // history) in every field the person has not typed in, so a save never writes back values
  // that were replaced meanwhile.
  const stored = formFieldsOf(contact);
  const [lastStored, setLastStored] = useState(stored);
  if (!sameFormFields(lastStored, stored)) {
    setLastStored(stored);
    setFields((previous) => {
      const kept = Object.entries(previous).filter(([field]) => dirty.has(field));
      return { ...stored, ...Object.fromEntries(kept) };
    });
  }

  const problemFor = (field: string) =>
    problems.find((problem) => problem.field === field)?.message;

  function edit(changes: Partial<FormFields>) {
    setFields((previous) => ({ ...previous, ...changes }));
    setDirty((previous) => new Set([...previous, ...Object.keys(changes)]));
    setSaved(false);
    setProblems((previous) => previous.filter((problem) => !(problem.field in changes)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateFields('contacts', fields);
    setProblems(found);
    if (found.length > 0) {
      document.getElementById(`${formId}-${found[0]?.field}`)?.focus();
      return;
    }
    try {
      if (contact) {
        await contacts.update(contact.id, fields);
        setDirty(new Set());
        setSaved(true);
      } else {
        const created = await contacts.create({ ...fields, tags: newTags });
        navigate(`/contacts/${created.id}`, { replace: true });
      }
    } catch (caught) {
      notices.showError('Could not save the contact', caught);
    }
  }

  async function remove(existing: Contact) {
    try {
      await contacts.remove(existing.id);
      navigate('/contacts');
      notices.show({
        tone: 'info',
        message: `Contact “${existing.name}” deleted.`,
        action: {
          label: 'Undo',
          run: () =>
            void contacts
              .restore(existing.id)
              .then(() => navigate(`/contacts/${existing.id}`))
              .catch((caught: unknown) => notices.showError('Could not undo', caught)),
        },
      });
    } catch (caught) {
      notices.showError('Could not delete the contact', caught);
    }
  }

  return (
    <article className="editor" aria-label={contact ? `Contact ${contact.name}` : 'New contact'}>
      <h2>
        {contact ? contact.name : 'New contact'}
        {contact && <UnsyncedMarker pending={contact.pending} />}
        {contact && <ConflictMarker conflicted={conflicted.has(`contacts:${contact.id}`)} />}
      </h2>
      {contact && conflicted.has(`contacts:${contact.id}`) && (
        <ResolveButton collection="contacts" recordId={contact.id} label="Resolve conflict" />
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="contact-form">
        {TEXT_FIELDS.map(({ field, label, type, maxLength }) => (
          <Field key={field} id={`${formId}-${field}`} label={label} problem={problemFor(field)}>
            {(describedBy) => (
              <input
                id={`${formId}-${field}`}
                type={type ?? 'text'}
                value={fields[field]}
                maxLength={maxLength}
                required={field === 'name'}
                aria-invalid={problemFor(field) ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => edit({ [field]: event.target.value })}
              />
            )}
          </Field>
        ))}
        <Field id={`${formId}-notes`} label="Notes" problem={problemFor('notes')}>
          {(describedBy) => (
            <textarea
              id={`${formId}-notes`}
              value={fields.notes}
              maxLength={10_000}
              aria-describedby={describedBy}
              onChange={(event) => edit({ notes: event.target.value })}
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={fields.favorite}
            onChange={(event) => edit({ favorite: event.target.checked })}
          />
          Favorite
        </label>
        <div className="form-actions">
          <button type="submit" className="primary">
            {contact ? 'Save contact' : 'Create contact'}
          </button>
          {saved && <span role="status">Saved on this device</span>}
          {contact && (
            <button type="button" className="danger" onClick={() => void remove(contact)}>
              Delete contact
            </button>
          )}
        </div>
      </form>
      {contact ? (
        <>
          <ContactedCounter contact={contact} />
          <TagEditor
            tags={contact.tags}
            onAdd={(tag) => contacts.addTag(contact.id, tag)}
            onRemove={(tag) =>
              contacts
                .removeTag(contact.id, tag)
                .catch((caught: unknown) => notices.showError('Could not remove the tag', caught))
            }
          />
          <RecordHistory collection="contacts" id={contact.id} />
        </>
      ) : (
        <TagEditor
          tags={newTags}
          onAdd={(tag) => setNewTags((tags) => [...tags, tag])}
          onRemove={(tag) => setNewTags((tags) => tags.filter((t) => t !== tag))}
        />
      )}
    </article>
  );
}

function sameFormFields(a: FormFields, b: FormFields): boolean {
  return (Object.keys(b) as (keyof FormFields)[]).every((field) => a[field] === b[field]);
}

function Field({
  id,
  label,
  problem,
  children,
}: {
  id: string;
  label: string;
  problem: string | undefined;
  children: (describedBy: string | undefined) => React.ReactNode;
}) {
  const problemId = `${id}-problem`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(problem ? problemId : undefined)}
      {problem && (
        <p id={problemId} className="field-error">
          {problem}
        </p>
      )}
    </div>
  );
}
