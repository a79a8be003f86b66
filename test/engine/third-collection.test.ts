import { describe, expect, it } from 'vitest';
import { createRepository } from '../../src/db/repository.ts';
import { appCollections, defineCollection } from '../../src/model/collections.ts';
import { counter, flag, line, prose, tags } from '../../src/model/collections/fields.ts';
import { engineServer, type EngineDevice } from './devices.ts';
import {
  BACKENDS,
  history,
  mutation,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
  type Account,
} from '../server.ts';

/**
 * A collection the app does not have, declared here and nowhere else: the device's schema,
 * repository and sync engine and the real server (its validation, merges, conflicts, history
 * and settings) must all take it from this declaration alone. If a code path still lists the
 * app's collections by name, one of these tests fails.
 */
const tasks = defineCollection({
  name: 'tasks',
  noun: 'task',
  fields: {
    title: line({ label: 'Task', called: 'A task', max: 80, required: 'A task needs a title' }),
    steps: prose({ label: 'Steps', called: 'Steps', max: 2_000 }),
    done: flag('Done'),
    labels: tags('Labels'),
    effort: counter('Effort'),
  },
  titleField: 'title',
  indexes: ['updatedAt'],
  since: 1,
});
const collections = appCollections.with(tasks);

describe.each(BACKENDS)(
  '[R1][R3] a third collection, declared only in this test, on %s',
  (backend) => {
    const server = engineServer({ collections, backend });
    const tasksOf = (device: EngineDevice) => createRepository(tasks, device.deps);

    async function twoDevices(): Promise<[EngineDevice, EngineDevice, Account]> {
      const account = await signUp(server.app());
      return [server.device(account), server.device(account), account];
    }

    it('gets its own table on the device, with the indexes it declares and the list index', async () => {
      const [phone] = await twoDevices();
      const table = phone.db.records('tasks');
      expect(table.schema.primKey.name).toBe('id');
      expect(table.schema.indexes.map((index) => index.name)).toEqual([
        'updatedAt',
        'pending',
        'deletedAt',
        '[listGroup+updatedAt]',
      ]);
    });

    it('is created, edited and counted on one device and arrives whole on another', async () => {
      const [phone, laptop, account] = await twoDevices();
      const task = await tasksOf(phone).create({ title: 'Paint the fence', labels: ['home'] });
      await tasksOf(phone).update(task.id, { steps: 'buy paint\nsand\npaint' });
      await tasksOf(phone).increment(task.id, 'effort', 3);
      await tasksOf(phone).addTag(task.id, 'weekend', 'labels');

      await phone.sync();
      await laptop.sync();

      const expected = {
        id: task.id,
        title: 'Paint the fence',
        steps: 'buy paint\nsand\npaint',
        done: false,
        labels: ['home', 'weekend'],
        effort: 3,
      };
      expect(await laptop.db.records('tasks').get(task.id)).toMatchObject({
        ...expected,
        pending: 0,
      });
      const { changes } = await pull(server.app(), account);
      // [P9] the engine's devices run outside a browser: their changes carry the default name.
      expect(changes).toEqual([
        { collection: 'tasks', record: expect.objectContaining(expected), changedBy: 'A browser' },
      ]);
      expect(await phone.outbox()).toEqual([]);
    });

    it('merges what merges: different lines of its text, both counters, both label sets', async () => {
      const [phone, laptop] = await twoDevices();
      const task = await tasksOf(phone).create({ title: 'Move', steps: 'pack\nload\ndrive' });
      await phone.sync();
      await laptop.sync();

      await tasksOf(phone).update(task.id, { steps: 'pack boxes\nload\ndrive' });
      await tasksOf(phone).increment(task.id, 'effort', 2);
      await tasksOf(phone).addTag(task.id, 'big', 'labels');
      await tasksOf(laptop).update(task.id, { steps: 'pack\nload\ndrive slowly' });
      await tasksOf(laptop).increment(task.id, 'effort', 5);
      await tasksOf(laptop).addTag(task.id, 'july', 'labels');
      await phone.sync();
      await laptop.sync();
      await phone.sync();

      for (const device of [phone, laptop]) {
        const shown = await device.db.records('tasks').get(task.id);
        expect(shown).toMatchObject({ steps: 'pack boxes\nload\ndrive slowly', effort: 7 });
        expect([...(shown?.['labels'] as string[])].sort()).toEqual(['big', 'july']);
        expect(await device.db.conflicts.count()).toBe(0);
      }
    });

    it('[P3] a colliding edit of its title is a conflict, resolved like a note’s', async () => {
      const [phone, laptop] = await twoDevices();
      const task = await tasksOf(phone).create({ title: 'Call the plumber' });
      await phone.sync();
      await laptop.sync();
      await tasksOf(phone).update(task.id, { title: 'Call the plumber today' });
      await tasksOf(laptop).update(task.id, { title: 'Email the plumber' });
      await phone.sync();
      await laptop.sync();

      const view = await laptop.conflicts.read('tasks', task.id);
      expect(view).toMatchObject({
        collection: 'tasks',
        kind: 'edit',
        fields: [
          {
            field: 'title',
            label: 'Task',
            mine: 'Email the plumber',
            theirs: 'Call the plumber today',
          },
        ],
      });
      await laptop.conflicts.resolve('tasks', task.id, { kind: 'mine' });
      await laptop.sync();
      await phone.sync();
      expect(await phone.db.records('tasks').get(task.id)).toMatchObject({
        title: 'Email the plumber',
        pending: 0,
      });
    });

    it('[P7] the device and the server check its fields against its declaration', async () => {
      const [phone, , account] = await twoDevices();
      await expect(tasksOf(phone).create({ title: ' ' })).rejects.toThrow('A task needs a title');
      await expect(tasksOf(phone).create({ title: 'x'.repeat(81) })).rejects.toThrow(
        'A task has at most 80 characters',
      );

      const recordId = crypto.randomUUID();
      const refused = await push(server.app(), account, [
        mutation({ collection: 'tasks', recordId, op: 'put', set: { title: 'ok', color: 'red' } }),
        mutation({ collection: 'tasks', recordId, op: 'put', inc: { title: 1 } }),
        mutation({ collection: 'tasks', recordId, op: 'put', set: { title: '' } }),
      ]);
      expect(refused.results.map((result) => result.status)).toEqual([
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect(JSON.stringify(refused.results)).toContain('color is not a field of tasks');
      expect(JSON.stringify(refused.results)).toContain('title is a register, changed with set');
      expect(JSON.stringify(refused.results)).toContain('A task needs a title');
    });

    it('[H1][P3] has a history and a conflict strategy of its own on the server', async () => {
      const [phone, laptop, account] = await twoDevices();
      const settings = await syncRequest(server.app(), account, {
        method: 'GET',
        url: '/api/sync/settings',
      });
      expect(settings.json()).toEqual({
        conflictStrategy: { notes: 'ask', contacts: 'ask', tasks: 'ask' },
      });
      const chosen = { conflictStrategy: { notes: 'ask', contacts: 'ask', tasks: 'latest-wins' } };
      const saved = await syncRequest(server.app(), account, {
        method: 'PUT',
        url: '/api/sync/settings',
        payload: chosen,
      });
      expect(saved.statusCode).toBe(200);

      const task = await tasksOf(phone).create({ title: 'First' });
      await phone.sync();
      await laptop.sync();
      await tasksOf(phone).update(task.id, { title: 'Second' });
      await tasksOf(laptop).update(task.id, { title: 'Third' });
      await phone.sync();
      await laptop.sync();
      await phone.sync();

      // Latest edit wins for tasks (by the devices' clocks): both devices end with the same
      // title, neither asks, and the history keeps the overruled title (H1).
      const [onPhone, onLaptop] = await Promise.all(
        [phone, laptop].map((device) => device.db.records('tasks').get(task.id)),
      );
      const winner = onPhone?.['title'];
      expect(['Second', 'Third']).toContain(winner);
      expect(onLaptop?.['title']).toBe(winner);
      expect(await phone.db.conflicts.count()).toBe(0);
      expect(await laptop.db.conflicts.count()).toBe(0);
      // The laptop pushed last: its title either lost (kept as `lost`) or replaced the phone's.
      const entries = await history(server.app(), account, 'tasks', task.id);
      expect(entries).toContainEqual(
        winner === 'Second'
          ? expect.objectContaining({ lost: { title: 'Third' } })
          : expect.objectContaining({ previous: { title: 'Second' } }),
      );
      expect(entries.at(-1)).toMatchObject({ op: 'put', previous: {} });
    });

    it('is refused (400) by a server that does not declare it', async () => {
      const appOnly = await startServer(backend);
      try {
        const account = await signUp(appOnly);
        const response = await syncRequest(appOnly, account, {
          method: 'POST',
          url: '/api/sync/push',
          payload: {
            clientId: 'device-a',
            mutations: [
              mutation({ collection: 'tasks', recordId: crypto.randomUUID(), set: { title: 'x' } }),
            ],
          },
        });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'invalid_request' } });
      } finally {
        await appOnly.close();
      }
    });
  },
);
