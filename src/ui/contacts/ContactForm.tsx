import { firstCharacters, inputMaxLength } from '../../protocol/characters.ts';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ContactFields } from '../../model/collections.ts';
import { shownFields } from '../../db/drafts.ts';
import type { DraftRow } from '../../db/types.ts';
import { isBlank, specOf } from '../../model/collections.ts';
import { validateFields } from '../../model/validation.ts';
import { navigate } from '../app/router.ts';
import { focusWhenShown } from '../common/focus.ts';
import { describeError, useNotices } from '../common/Notices.tsx';
import { TagEditor } from '../common/TagEditor.tsx';
import { typingJournal } from '../../db/typingJournal.ts';
import { useAutosave, type SaveState } from '../common/useAutosave.ts';
import { useOnLeave } from '../common/useOnLeave.ts';
import { RecordMarker, useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { ReplacedNotice } from '../conflicts/ReplacedNotice.tsx';
import { ResolveButton } from '../conflicts/ResolveButton.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import type { Contact } from '../data/queries.ts';
import { RecordHistory } from '../history/RecordHistory.tsx';
import { ContactedCounter } from './ContactedCounter.tsx';
import { mailtoHref, telHref } from './reach.ts';

type FormFields = Omit<ContactFields, 'tags' | 'timesContacted'>;
type TextField = Exclude<keyof FormFields, 'favorite'>;

const CONTACTS = specOf('contacts');

/** The one-line fields, labelled and limited as the collection declares them. */
const TEXT_FIELDS = (
  [
    { field: 'name' },
    { field: 'email', type: 'email' },
    { field: 'phone', type: 'tel' },
    { field: 'company' },
  ] satisfies { field: TextField; type?: string }[]
).map(({ field, ...input }: { field: TextField; type?: string }) => {
  const { label, max, required = false } = CONTACTS.fields[field];
  const text = required ? `${label} (required)` : label;
  return {
    field,
    label: text,
    max,
    maxLength: inputMaxLength(max),
    required,
    type: input.type ?? 'text',
  };
});

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved on this device',
  saving: 'Saving…',
  error: 'Not saved',
};

function formFieldsOf(fields: ContactFields): FormFields {
  const { name, email, phone, company, notes, favorite } = fields;
  return { name, email, phone, company, notes, favorite };
}

/**
 * Edits one contact as the person types, the same rule as notes: every keystroke is stored on
 * the device at once. A value R1 refuses (an email without its domain, an erased name) is kept
 * as typed in the contact's draft and marked next to its field; it syncs once it is valid. A
 * contact that does not exist yet (`contact` undefined) is made as soon as it has a valid name.
 */
export function ContactForm({
  id,
  contact,
  draft,
  fresh = false,
  onDeleted,
}: {
  id: string;
  contact: Contact | undefined;
  draft: DraftRow | undefined;
  /** Just started with "New contact": the name field takes typing at once. */
  fresh?: boolean;
  onDeleted: (contact: Contact) => void;
}) {
  const { db, contacts, lastWrites } = useOutpost();
  const notices = useNotices();
  const conflicted = useConflictedKeys();
  const formId = useId();
  const shown = shownFields<ContactFields>(CONTACTS, contact, draft);
  const meta = {
    updatedAt: Math.max(contact?.updatedAt ?? 0, draft?.updatedAt ?? 0),
    pending: contact?.pending || draft ? (1 as const) : (0 as const),
  };
  const journal = useMemo(() => typingJournal(db, 'contacts', id), [db, id]);
  const {
    draft: fields,
    change,
    flush,
    state,
    error,
  } = useAutosave(
    formFieldsOf(shown),
    meta,
    (changes, typed) => contacts.edit(id, changes, typed),
    journal,
  );
  // Leaving writes what waits and drops a record left blank; the database stays open for it
  // (lastWrites), also after a sign-out. A failure has nobody left to tell: the form is gone.
  useOnLeave(() => flush().then(() => contacts.discardIfBlank(id)), lastWrites.track);

  // A brand-new, still empty form is not told off for the name it has not had time to type.
  const untouched = isBlank(CONTACTS, { ...shown, ...fields });
  const problems = untouched ? [] : validateFields(CONTACTS, fields);
  const problemFor = (field: string) =>
    problems.find((problem) => problem.field === field)?.message;
  const key = `contacts:${id}`;
  const [historyRequest, setHistoryRequest] = useState(0);

  async function remove() {
    try {
      await flush();
      if (!(await contacts.discardIfBlank(id)) && contact) {
        await contacts.remove(id);
        notices.show({
          tone: 'info',
          message: `Contact “${contact.name}” deleted.`,
          topic: key,
          action: {
            label: 'Undo',
            run: () =>
              void contacts
                .restore(id)
                .then(() => {
                  navigate(`/contacts/${id}`);
                  focusWhenShown(() => document.getElementById(`${formId}-name`));
                })
                .catch((caught: unknown) => notices.showError('Could not undo', caught)),
          },
        });
      } else if (!contact) {
        await contacts.discardDraft(id);
      }
      onDeleted({ ...shown, ...fields, id } as Contact);
    } catch (caught) {
      notices.showError('Could not delete the contact', caught);
    }
  }

  // Enter in a field writes what waits and leaves the cursor where it is: nothing to submit.
  function submit(event: FormEvent) {
    event.preventDefault();
    void flush();
  }

  const title = fields.name.trim() || contact?.name || 'New contact';
  return (
    <article
      className="editor"
      aria-label={contact ? `Contact ${contact.name}` : 'New contact'}
      data-record-id={id}
    >
      <h2>
        {title}
        <RecordMarker pending={meta.pending} conflicted={conflicted.has(key)} />
      </h2>
      {conflicted.has(key) && (
        <ResolveButton
          collection="contacts"
          recordId={id}
          label="Resolve conflict"
          whenDecided={() => document.getElementById(`${formId}-name`)}
        />
      )}
      <ReplacedNotice
        collection="contacts"
        recordId={id}
        onViewHistory={() => setHistoryRequest((request) => request + 1)}
      />
      <p className="save-state" role="status">
        <span>{SAVE_LABELS[state]}</span>
        {state === 'error' && `: ${describeError(error)}`}
        {state !== 'error' && problems.length > 0 && ': fix the marked fields to sync them'}
      </p>
      <form noValidate onSubmit={submit} className="contact-form">
        {TEXT_FIELDS.map(({ field, label, type, max, maxLength, required }) => (
          <Field key={field} id={`${formId}-${field}`} label={label} problem={problemFor(field)}>
            {(describedBy) => (
              <div className="field-row">
                <input
                  id={`${formId}-${field}`}
                  type={type}
                  value={fields[field]}
                  maxLength={maxLength}
                  required={required}
                  autoFocus={fresh && field === 'name'}
                  aria-invalid={problemFor(field) ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(event) =>
                    change({ [field]: firstCharacters(event.target.value, max) })
                  }
                />
                <ReachLink field={field} value={fields[field]} name={fields.name.trim()} />
              </div>
            )}
          </Field>
        ))}
        <Field
          id={`${formId}-notes`}
          label={CONTACTS.fields.notes.label}
          problem={problemFor('notes')}
        >
          {(describedBy) => (
            <textarea
              id={`${formId}-notes`}
              value={fields.notes}
              maxLength={inputMaxLength(CONTACTS.fields.notes.max)}
              aria-describedby={describedBy}
              onChange={(event) =>
                change({ notes: firstCharacters(event.target.value, CONTACTS.fields.notes.max) })
              }
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={fields.favorite}
            onChange={(event) => change({ favorite: event.target.checked })}
          />
          Favorite
        </label>
        <div className="form-actions">
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete contact
          </button>
        </div>
      </form>
      {contact ? (
        <>
          <ContactedCounter contact={contact} />
          <TagEditor
            tags={contact.tags}
            onAdd={(tag) => contacts.addTag(id, tag)}
            onRemove={(tag) =>
              contacts
                .removeTag(id, tag)
                .catch((caught: unknown) => notices.showError('Could not remove the tag', caught))
            }
          />
          <RecordHistory collection="contacts" id={id} openRequest={historyRequest} />
        </>
      ) : (
        <p className="hint">Tags and the contacted counter come once the contact has a name.</p>
      )}
    </article>
  );
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

/** Beside the email and phone fields: a link that writes or calls, once the value can. */
function ReachLink({ field, value, name }: { field: TextField; value: string; name: string }) {
  const href =
    field === 'email' ? mailtoHref(value) : field === 'phone' ? telHref(value) : undefined;
  if (!href) return null;
  const verb = field === 'email' ? 'Email' : 'Call';
  return (
    <a className="button reach-link" href={href} aria-label={name ? `${verb} ${name}` : verb}>
      {verb}
    </a>
  );
}
