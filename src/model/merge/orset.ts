/**
 * [R3] An observed-remove set: the visible elements in the order they were added, and for each
 * element the version of its latest add. A remove carries the version its device had observed;
 * it removes an element only if it saw that element's latest add. An add the remover had not
 * seen is concurrent with it, and the add wins.
 *
 * `adds` is a plain record because it is stored as JSON. Elements are user text, so it is read
 * and written through a Map: a tag named `__proto__` or `constructor` must stay plain data.
 */
export interface ORSet {
  elements: string[];
  adds: Record<string, number>;
}

/**
 * Appends the absent elements in order and records `version` as the latest add of every given
 * element, present or not: re-adding a present element still beats a concurrent remove.
 */
export function addElements(set: ORSet, elements: readonly string[], version: number): ORSet {
  const present = new Set(set.elements);
  const adds = new Map(Object.entries(set.adds));
  const next = [...set.elements];
  for (const element of elements) {
    if (!present.has(element)) {
      present.add(element);
      next.push(element);
    }
    adds.set(element, version);
  }
  return { elements: next, adds: Object.fromEntries(adds) };
}

/**
 * Removes each given element whose latest add is at most `observedVersion`; an element added
 * after that version survives. An element without a recorded add counts as added at 0.
 */
export function removeElements(
  set: ORSet,
  elements: readonly string[],
  observedVersion: number,
): ORSet {
  const adds = new Map(Object.entries(set.adds));
  const removed = new Set<string>();
  for (const element of elements) {
    if ((adds.get(element) ?? 0) <= observedVersion) removed.add(element);
  }
  for (const element of removed) adds.delete(element);
  return {
    elements: set.elements.filter((element) => !removed.has(element)),
    adds: Object.fromEntries(adds),
  };
}
