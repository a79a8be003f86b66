import ICAL from 'ical.js';
import type { FieldsOf } from '../model/collections.ts';
import type { Candidate } from './importBackup.ts';

/**
 * Contacts as vCard, with ical.js (Mozilla's parser of iCalendar and vCard, which Thunderbird
 * uses): it escapes and folds lines as RFC 6350 asks and reads vCard 3.0 too, as phones export
 * it. Export writes 4.0: UID (the record's id, so an import knows it again), FN, EMAIL, TEL,
 * ORG, NOTE, CATEGORIES, and as X-OUTPOST- properties what vCard has no word for (favorite,
 * times contacted) or ical.js cannot carry exactly (the tag list).
 */

type ContactFields = FieldsOf['contacts'];

export function contactsToVCard(contacts: (ContactFields & { id: string })[]): string {
  return contacts.map((contact) => vcardOf(contact).toString()).join('\r\n') + '\r\n';
}

function vcardOf(contact: ContactFields & { id: string }): ICAL.Component {
  const card = new ICAL.Component('vcard');
  card.addPropertyWithValue('version', '4.0');
  card.addPropertyWithValue('uid', `urn:uuid:${contact.id}`);
  card.addPropertyWithValue('fn', contact.name);
  if (contact.email) card.addPropertyWithValue('email', contact.email);
  if (contact.phone) card.addPropertyWithValue('tel', contact.phone);
  if (contact.company) {
    // ORG is structured (organization;unit): one component, so a ; in the name is escaped.
    const org = new ICAL.Property('org');
    org.setValue([contact.company]);
    card.addProperty(org);
  }
  if (contact.notes) card.addPropertyWithValue('note', contact.notes);
  if (contact.tags.length > 0) {
    card.addPropertyWithValue('categories', '').setValues(contact.tags);
    // ical.js reads a tag ending in a backslash in CATEGORIES wrongly (it takes the escaped
    // backslash and the comma after it as one escaped comma): the exact list goes beside it.
    card.addPropertyWithValue('x-outpost-tags', JSON.stringify(contact.tags));
  }
  if (contact.favorite) card.addPropertyWithValue('x-outpost-favorite', 'true');
  if (contact.timesContacted !== 0) {
    card.addPropertyWithValue('x-outpost-contacted', String(contact.timesContacted));
  }
  return card;
}

/** The contacts of a vCard file (3.0 or 4.0, one card or many), to be checked as any import. */
export function contactsFromVCard(text: string): Candidate[] {
  const parsed: unknown = ICAL.parse(text);
  // One card parses to a jCard; several to a list of them.
  const cards = (
    Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed
  ) as unknown[];
  // ical.js types a jCard loosely (any[]); the parser just made these.
  return cards.map((jcard) => candidateOf(new ICAL.Component(jcard as never)));
}

function candidateOf(card: ICAL.Component): Candidate {
  if (card.name !== 'vcard') return { collection: 'contacts', fields: {}, reason: 'not a vCard' };
  const text = (name: string) => {
    const value: unknown = card.getFirstPropertyValue(name);
    return typeof value === 'string' ? value : '';
  };
  const structured = (name: string) =>
    (card.getFirstProperty(name)?.getValues() ?? [])
      .flat()
      .map(String)
      .filter((part) => part !== '');
  const uid = text('uid').replace(/^urn:uuid:/i, '');
  // N is family;given;additional;prefix;suffix: a card without FN is named by given and family.
  const [family = '', given = ''] = (card.getFirstProperty('n')?.getValues() ?? [])
    .flat()
    .map(String);
  const contacted = Number(text('x-outpost-contacted'));
  return {
    collection: 'contacts',
    // An id only where the card carries a UUID; other UIDs (a phone's own) make a new record.
    ...(/^[0-9a-f-]{36}$/.test(uid) ? { id: uid } : {}),
    fields: {
      name: text('fn') || [given, family].filter(Boolean).join(' '),
      email: text('email'),
      phone: text('tel').replace(/^tel:/i, ''),
      company: structured('org').join(', '),
      notes: text('note'),
      tags: exactTags(text('x-outpost-tags')) ?? [...new Set(structured('categories'))],
      favorite: text('x-outpost-favorite') === 'true',
      timesContacted: Number.isInteger(contacted) ? contacted : 0,
    },
  };
}

/** The tags an Outpost export wrote exactly (X-OUTPOST-TAGS); undefined for other cards. */
function exactTags(json: string): unknown {
  if (json === '') return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
