import { describe, expect, it } from 'vitest';
import { adoptStored } from './useAutosave.ts';

/** What an editor's draft becomes when the stored record changes underneath it. */
describe('adoptStored', () => {
  const draft = { title: 'Shopping list', body: 'Milk, eggs' };

  it('news: every field not being written takes the stored value', () => {
    const stored = { title: 'Shopping', body: 'Milk, eggs, bread' };
    expect(
      adoptStored(draft, stored, { writing: ['title'], typed: ['title'], echo: false }),
    ).toEqual({ title: 'Shopping list', body: 'Milk, eggs, bread' });
  });

  it('an echo of an earlier keystroke never undoes a later one in the fields this editor typed', () => {
    const echo = { title: 'Shopping lis', body: 'Milk, eggs' };
    expect(adoptStored(draft, echo, { writing: [], typed: ['title'], echo: true })).toEqual(draft);
  });

  it('news that arrives with an echo is still taken in the fields this editor did not type', () => {
    // The title was typed here; the body was changed on another device and pulled while the
    // title still waited to sync.
    const stored = { title: 'Shopping lis', body: 'Milk, eggs, bread' };
    expect(adoptStored(draft, stored, { writing: [], typed: ['title'], echo: true })).toEqual({
      title: 'Shopping list',
      body: 'Milk, eggs, bread',
    });
  });
});
