import fc from 'fast-check';
import { expect } from 'vitest';
import type { EditableFields } from '../../../src/db/repository.ts';
import type { StoredRecord } from '../../../src/db/types.ts';
import { SyncError } from '../../../src/api/errors.ts';
import type { FieldValue } from '../../../src/protocol/mutation.ts';
import type { CollectionName } from '../../../src/model/collections.ts';
import type { Device, PushLogEntry } from './device.ts';
import { choiceArb, conflictedRecords, resolveOne } from './resolution.ts';

/**
 * The commands of the model-based test: what a person does on one of 2–3 devices (edit,
 * tag, count, delete, restore), and what the network does to it (offline, online, an answer
 * lost after the server committed). Records are named by labels (the n-th note created in
 * the run), so a command means the same record on every replay; a device acts only on
 * records it has, chosen by `pick` among them.
 */

/** What fast-check tracks: enough to decide which commands make sense next. */
export interface Model {
  online: boolean[];
  created: Record<CollectionName, number>;
}

/** The system under test: the devices, the label → id map, and every push the server answered. */
export interface Real {
  devices: Device[];
  ids: Record<CollectionName, string[]>;
  log: PushLogEntry[];
  /** The mutation ids of conflict entries the person has resolved. */
  resolved: Set<string>;
}

export type Cmd = fc.AsyncCommand<Model, Real>;

/** Small pools so devices collide often. */
export const MAX_RECORDS: Record<CollectionName, number> = { notes: 3, contacts: 2 };
export const TAGS = ['home', 'work', 'todo'];
const WORDS = ['one', 'two', 'three', 'ONE', 'TWO', 'x', ''];
const FIRST_TEXT = 'one\ntwo\nthree\nfour\nfive';

const REGISTER_VALUES: Record<CollectionName, Record<string, fc.Arbitrary<FieldValue>>> = {
  notes: {
    title: fc.constantFrom('', 'Groceries', 'Trip', 'Ideas'),
    pinned: fc.boolean(),
  },
  contacts: {
    name: fc.constantFrom('Ada', 'Grace', 'Linus'),
    email: fc.constantFrom('', 'ada@example.com', 'grace@example.com'),
    phone: fc.constantFrom('', '555', '123'),
    company: fc.constantFrom('', 'ACME', 'Initech'),
    favorite: fc.boolean(),
  },
};
/** The text field of each collection (line-merged on the server, R3). */
export const TEXT_FIELD: Record<CollectionName, string> = { notes: 'body', contacts: 'notes' };

const collection = fc.constantFrom<CollectionName>('notes', 'contacts');
const deviceIndex = fc.integer({ min: 0, max: 2 });
/** Which of the device's records: mostly the first one, so devices collide often. */
const pick = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, fc.nat({ max: 5 }));

/** Replaces (or appends) one line of a text: edits far apart merge, near ones conflict. */
function editLine(text: string, line: number, word: string): string {
  const lines = text === '' ? [] : text.split('\n');
  lines[line % (lines.length + 1)] = word;
  return lines.join('\n');
}

/** Whether the command's device exists in this run (2 or 3 devices). */
function hasDevice(model: Readonly<Model>, device: number): boolean {
  return device < model.online.length;
}

/**
 * The device's live (or deleted) records of a collection, by label order; `pick` chooses
 * among them. The app edits only live records; deleted ones can only be restored.
 */
async function choose(
  real: Real,
  device: Device,
  name: CollectionName,
  at: number,
  { deleted = false } = {},
): Promise<StoredRecord<CollectionName> | undefined> {
  const known: StoredRecord<CollectionName>[] = [];
  for (const id of real.ids[name]) {
    const record = (await device.db.table(name).get(id)) as
      StoredRecord<CollectionName> | undefined;
    if (record && (record.deletedAt !== null) === deleted) known.push(record);
  }
  return known.length === 0 ? undefined : known[at % known.length];
}

/** [M3] a device keeps at most one unsent mutation per record. */
async function expectOneUnsentPerRecord(device: Device): Promise<void> {
  const sent = await device.db.syncState.get('sent');
  const through = sent?.key === 'sent' ? sent.throughSeq : 0;
  const unsent = (await device.db.outbox.toArray()).filter(
    (entry) => entry.state === 'pending' && entry.seq! > through,
  );
  const keys = unsent.map((entry) => entry.recordKey);
  expect(new Set(keys).size, `[M3] one unsent mutation per record on d${device.index}`).toBe(
    keys.length,
  );
}

function command(
  describe: string,
  check: (model: Readonly<Model>) => boolean,
  run: (model: Model, real: Real) => Promise<void>,
): Cmd {
  return { check, run, toString: () => describe };
}

/** A local change of one record the device has, then the M3 check. */
function localChange(
  name: string,
  device: number,
  target: CollectionName,
  at: number,
  change: (d: Device, record: StoredRecord<CollectionName>) => Promise<unknown>,
  options: { deleted?: boolean } = {},
): Cmd {
  return command(
    `d${device}.${name}(${target}@${at})`,
    (model) => hasDevice(model, device),
    async (_model, real) => {
      const d = real.devices[device]!;
      const record = await choose(real, d, target, at, options);
      if (!record) return;
      await change(d, record);
      await expectOneUnsentPerRecord(d);
    },
  );
}

const createNote = fc
  .record({
    device: deviceIndex,
    title: REGISTER_VALUES.notes['title']!,
    body: fc.constantFrom(FIRST_TEXT, ''),
    tags: fc.subarray(TAGS, { maxLength: 2 }),
  })
  .map(({ device, ...fields }) =>
    creation(device, 'notes', { ...fields, title: fields.title as string }),
  );

const createContact = fc
  .record({
    device: deviceIndex,
    name: REGISTER_VALUES.contacts['name']!,
    notes: fc.constantFrom(FIRST_TEXT, ''),
    timesContacted: fc.constantFrom(0, 1),
  })
  .map(({ device, ...fields }) =>
    creation(device, 'contacts', { ...fields, name: fields.name as string }),
  );

function creation(device: number, target: CollectionName, fields: Record<string, unknown>): Cmd {
  return command(
    `d${device}.create(${target}#?, ${JSON.stringify(fields)})`,
    (model) => hasDevice(model, device) && model.created[target] < MAX_RECORDS[target],
    async (model, real) => {
      const d = real.devices[device]!;
      const record = await d[target].create(fields as never);
      real.ids[target].push(record.id);
      model.created[target] += 1;
    },
  );
}

const edit = collection.chain((target) =>
  fc
    .record({
      device: deviceIndex,
      at: pick,
      set: fc.record(REGISTER_VALUES[target], { requiredKeys: [] }),
      line: fc.option(fc.record({ line: fc.nat({ max: 4 }), word: fc.constantFrom(...WORDS) })),
    })
    .filter(({ set, line }) => line !== null || Object.keys(set).length > 0)
    .map(({ device, at, set, line }) => {
      const name = `edit(${JSON.stringify(set)}${line ? `, line ${line.line}=${JSON.stringify(line.word)}` : ''})`;
      return localChange(name, device, target, at, async (d, record) => {
        const changes = { ...set } as Record<string, FieldValue>;
        const text = TEXT_FIELD[target];
        if (line) {
          const shown = (record as unknown as Record<string, string>)[text]!;
          changes[text] = editLine(shown, line.line, line.word);
        }
        const after = await d[target].update(record.id, changes as EditableFields<'notes'>);
        expect(after).toMatchObject(changes);
      });
    }),
);

const tag = fc
  .record({
    device: deviceIndex,
    target: collection,
    at: pick,
    tag: fc.constantFrom(...TAGS),
    add: fc.boolean(),
  })
  .map(({ device, target, at, tag, add }) =>
    localChange(`${add ? 'add' : 'remove'}Tag(${tag})`, device, target, at, async (d, record) => {
      const after = add
        ? await d[target].addTag(record.id, tag)
        : await d[target].removeTag(record.id, tag);
      expect(after.tags.includes(tag)).toBe(add);
    }),
  );

const increment = fc
  .record({ device: deviceIndex, at: pick, delta: fc.constantFrom(1, 2, -1) })
  .map(({ device, at, delta }) =>
    localChange(`increment(${delta})`, device, 'contacts', at, async (d, record) => {
      const before = (record as StoredRecord<'contacts'>).timesContacted;
      const after = await d.contacts.increment(record.id, 'timesContacted', delta);
      expect(after.timesContacted).toBe(before + delta);
    }),
  );

const remove = fc
  .record({ device: deviceIndex, target: collection, at: pick })
  .map(({ device, target, at }) =>
    localChange('delete', device, target, at, async (d, record) => {
      expect((await d[target].remove(record.id)).deletedAt).not.toBeNull();
    }),
  );

const restore = fc
  .record({ device: deviceIndex, target: collection, at: pick })
  .map(({ device, target, at }) =>
    localChange(
      'restore',
      device,
      target,
      at,
      async (d, record) => {
        expect((await d[target].restore(record.id)).deletedAt).toBeNull();
      },
      { deleted: true },
    ),
  );

const network = fc.record({ device: deviceIndex, online: fc.boolean() }).map(({ device, online }) =>
  command(
    `d${device}.${online ? 'online' : 'offline'}()`,
    (model) => hasDevice(model, device) && model.online[device] !== online,
    async (model, real) => {
      model.online[device] = online;
      real.devices[device]!.state.network = online ? 'online' : 'offline';
    },
  ),
);

/** One sync; offline it must fail as a transient network error and keep the outbox. */
const sync = deviceIndex.map((device) =>
  command(
    `d${device}.sync()`,
    (model) => hasDevice(model, device),
    async (model, real) => {
      const d = real.devices[device]!;
      if (model.online[device]) {
        await d.sync();
        return;
      }
      const before = await d.db.outbox.count();
      await expect(d.sync()).rejects.toMatchObject({ kind: 'transient', code: 'network' });
      expect(await d.db.outbox.count()).toBe(before);
    },
  ),
);

/** [P1] the server commits the push, and the answer never reaches the device. */
const syncLosingAnswer = deviceIndex.map((device) =>
  command(
    `d${device}.syncLosingAnswer()`,
    (model) => hasDevice(model, device) && model.online[device]!,
    async (_model, real) => {
      const d = real.devices[device]!;
      const pushes = real.log.length;
      d.state.network = 'lose-answer';
      const failure = await d.sync().then(
        () => undefined,
        (error: unknown) => error,
      );
      d.state.network = 'online';
      if (failure === undefined) {
        // Nothing to push: the pull went through.
        expect(real.log.length, 'a sync that pushed must lose its answer').toBe(pushes);
      } else {
        expect(failure).toBeInstanceOf(SyncError);
        expect(failure).toMatchObject({ kind: 'transient', code: 'network' });
      }
    },
  ),
);

/** The person decides a record's conflicts mid-run (maybe offline, maybe with edits queued). */
const resolve = fc
  .record({ device: deviceIndex, at: pick, choice: choiceArb })
  .map(({ device, at, choice }) =>
    command(
      `d${device}.resolve(conflict@${at}, ${JSON.stringify(choice)})`,
      (model) => hasDevice(model, device),
      async (_model, real) => {
        const d = real.devices[device]!;
        const keys = await conflictedRecords(d);
        if (keys.length === 0) return;
        await resolveOne(d, keys[at % keys.length]!, choice, real.resolved);
      },
    ),
  );

export const allCommands = [
  createNote,
  createContact,
  edit,
  edit,
  edit,
  edit,
  tag,
  increment,
  remove,
  restore,
  network,
  sync,
  sync,
  syncLosingAnswer,
  resolve,
];
