import fc from 'fast-check';
import { expect } from 'vitest';
import { chosenValue } from '../../../src/conflicts/choices.ts';
import type { ConflictView } from '../../../src/conflicts/describe.ts';
import { suggestedChoice } from '../../../src/conflicts/textParts.ts';
import type { ConflictDecision } from '../../../src/conflicts/plan.ts';
import { kindOf, settableFields } from '../../../src/model/collections.ts';
import { sameValue } from '../../../src/model/merge/equal.ts';
import type { FieldValue, Mutation } from '../../../src/protocol/mutation.ts';
import type { CollectionName } from '../../../src/model/collections.ts';
import type { PushResult } from '../../../src/protocol/sync.ts';
import type { Outcome, ServerState } from './pushLog.ts';
import type { Device, PushLogEntry } from './device.ts';
import { stateAt } from './history.ts';

/**
 * Conflict resolution (src/conflicts): the person's decision on a record's open conflicts,
 * made with the device's own API (`conflicts.read` for the dialog, `conflicts.resolve`).
 */

/** A decision as fast-check draws it; `side` picks mine or theirs where a kind needs one. */
export interface Choice {
  kind: 'mine' | 'theirs' | 'merge';
  side: boolean;
}
export const choiceArb: fc.Arbitrary<Choice> = fc.record({
  kind: fc.constantFrom('mine', 'theirs', 'merge'),
  side: fc.boolean(),
});

/** One decision carried out, and the mutation it queued (none when nothing was left to send). */
export interface Resolution {
  device: number;
  view: ConflictView;
  decision: ConflictDecision;
  mutation: Mutation | undefined;
}

/**
 * The decision for a view: `merge` only for edits (per colliding field: for a text its parts,
 * one-sided changes taken and both sides' lines where both changed; for other fields one
 * side), mine or theirs otherwise.
 */
export function decisionFor(view: ConflictView, choice: Choice): ConflictDecision {
  if (choice.kind !== 'merge') return { kind: choice.kind };
  if (view.kind !== 'edit') return { kind: choice.side ? 'mine' : 'theirs' };
  const values: Record<string, FieldValue> = {};
  for (const field of view.fields) {
    if (field.parts) {
      // As the dialog does it: what one side changed taken, "Use both" where both did.
      const parts = field.parts.map((part) => suggestedChoice(part) ?? 'both');
      values[field.field] = chosenValue(field, { pick: 'parts', parts })!;
    } else {
      values[field.field] = choice.side ? field.mine : field.theirs;
    }
  }
  return { kind: 'merge', values };
}

/** The keys (`collection:id`) of the records a device has open conflicts on, in key order. */
export async function conflictedRecords(device: Device): Promise<string[]> {
  const keys = await device.db.conflicts.orderBy('recordKey').uniqueKeys();
  return keys.map(String);
}

/**
 * Resolves one record's conflicts on a device (their mutation ids go to `resolved`) and checks
 * what the device then holds: no conflict left on the record, at most one unsent mutation for
 * it, based on the server's version the dialog showed, and the decided values shown.
 */
export async function resolveOne(
  device: Device,
  key: string,
  choice: Choice,
  resolved: Set<string>,
): Promise<Resolution> {
  const [collection, id] = key.split(':') as [CollectionName, string];
  const view = await device.conflicts.read(collection, id);
  expect(view, `d${device.index}: a view of the conflict on ${key}`).toBeDefined();
  const decision = decisionFor(view!, choice);
  const entries = await device.db.conflicts.where('recordKey').equals(key).toArray();
  expect(await device.conflicts.resolve(collection, id, decision)).toBe(true);
  for (const entry of entries) resolved.add(entry.mutationId);
  expect(await device.db.conflicts.where('recordKey').equals(key).count()).toBe(0);
  const sent = await device.db.syncState.get('sent');
  const through = sent?.key === 'sent' ? sent.throughSeq : 0;
  const unsent = (
    await device.db.outbox.where('[recordKey+state]').equals([key, 'pending']).toArray()
  ).filter((entry) => entry.seq! > through);
  expect(unsent.length, `[M3] one unsent mutation for ${key}`).toBeLessThanOrEqual(1);
  const mutation = unsent[0]?.mutation;
  if (mutation)
    expect(mutation.baseVersion, 'based on the server version shown').toBe(view!.theirs.version);
  const shown = (await device.db.table(collection).get(id)) as Record<string, FieldValue>;
  for (const field of view!.fields) {
    const expected =
      decision.kind === 'merge'
        ? decision.values[field.field]
        : decision.kind === 'mine'
          ? field.mine
          : field.theirs;
    expect(shown[field.field], `d${device.index} shows the decided ${field.field}`).toEqual(
      expected,
    );
  }
  return { device: device.index, view: view!, decision, mutation };
}

/**
 * After the last syncs: each decision's mutation reached the server, and where it was applied
 * (not asked again), the record right after it is what the person chose: each colliding field
 * as decided (mine, theirs, or the merge they wrote), every other field as their device showed
 * it (their changes that did not collide go through), restored after `mine` on a record deleted
 * elsewhere, deleted after `mine` on a delete of an edited record. Fields whose chosen value is
 * the server's own are not sent, so only the fields the decision changed are compared. Under
 * latest-wins a field the server changed meanwhile collides and goes to the later clock:
 * checkPushLog checks those (`outcomes`), so they are left out here.
 */
export function checkResolutions(
  resolutions: Resolution[],
  log: PushLogEntry[],
  server: ServerState,
  outcomes: Map<string, Outcome>,
): void {
  const results = new Map<string, PushResult>();
  for (const push of log) for (const result of push.results) results.set(result.id, result);
  for (const { device, view, decision, mutation } of resolutions) {
    const where = `d${device} ${decision.kind} on ${view.kind} ${view.collection}:${view.recordId}`;
    // No mutation: nothing of mine was left to send (I discarded my changes, or both agreed).
    if (!mutation) continue;
    const result = results.get(mutation.id);
    expect(result, `${where}: its mutation was pushed`).toBeDefined();
    if (result!.status === 'conflict') continue; // asked again: a later resolution
    expect(result!.status, where).toMatch(/^(applied|merged)$/);
    const key = `${view.collection}:${view.recordId}`;
    const version = (result as { version: number }).version;
    const after = stateAt(
      server.records.get(key)!.record,
      server.histories.get(key) ?? [],
      version,
    )!;
    const mine = view.mine as unknown as Record<string, FieldValue>;
    const decided = new Map(
      view.fields.map((field) => [
        field.field,
        decision.kind === 'merge'
          ? decision.values[field.field]!
          : decision.kind === 'mine'
            ? field.mine
            : field.theirs,
      ]),
    );
    const theirs = view.theirs as unknown as Record<string, FieldValue>;
    for (const field of settableFields(view.spec)) {
      const chosen = decided.has(field) ? decided.get(field)! : mine[field]!;
      // A value equal to the server's shown one is not sent: the server may have moved on.
      if (sameValue(chosen, theirs[field])) continue;
      // A text the server changed meanwhile in other lines merges (checkPushLog checks how).
      if (result!.status === 'merged' && kindOf(view.spec, field) === 'text') continue;
      if (outcomes.get(mutation.id)?.collided.includes(field)) continue;
      expect(
        after[field],
        `${where}: ${field} on the server right after the resolution (version ${version})`,
      ).toEqual(chosen);
    }
    const deleted =
      view.kind === 'deleted'
        ? false
        : view.kind === 'delete-edited'
          ? true
          : view.theirs.deletedAt !== null;
    expect(after['deletedAt'] !== null, `${where}: deleted after it`).toBe(deleted);
  }
}
