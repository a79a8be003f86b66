import { defineCollection } from './define.ts';
import { flag, line, prose, tags } from './fields.ts';

export const notes = defineCollection({
  name: 'notes',
  noun: 'note',
  fields: {
    title: line({ label: 'Title', called: 'A title', max: 500 }),
    body: prose({ label: 'Note text', called: 'A note', max: 100_000 }),
    pinned: flag('Pinned'),
    tags: tags(),
  },
  titleField: 'title',
  indexes: ['updatedAt'],
  since: 1,
  listedFirst: 'pinned',
});
