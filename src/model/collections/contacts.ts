import { defineCollection } from './define.ts';
import { counter, email, flag, line, prose, tags } from './fields.ts';

export const contacts = defineCollection({
  name: 'contacts',
  noun: 'contact',
  fields: {
    name: line({ label: 'Name', called: 'A name', max: 200, required: 'A contact needs a name' }),
    email: email({ label: 'Email', called: 'An email address', max: 254 }),
    phone: line({ label: 'Phone', called: 'A phone number', max: 50 }),
    company: line({ label: 'Company', called: 'A company name', max: 200 }),
    notes: prose({ label: 'Notes', called: 'Notes', max: 10_000 }),
    favorite: flag('Favorite'),
    tags: tags(),
    timesContacted: counter('Times contacted'),
  },
  titleField: 'name',
  indexes: ['name', 'updatedAt'],
  since: 1,
  listedFirst: 'favorite',
});
