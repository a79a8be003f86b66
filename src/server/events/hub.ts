/**
 * [E1] Who is listening for whose changes, inside one server process. A commit that changes
 * a user's records calls `publish`; every open event stream of that user gets a poke.
 */
export type PokeListener = (cursor: number) => void;

export class EventHub {
  private readonly listeners = new Map<string, Set<PokeListener>>();

  subscribe(userId: string, listener: PokeListener): () => void {
    const set = this.listeners.get(userId) ?? new Set<PokeListener>();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  deliver(userId: string, cursor: number): void {
    for (const listener of this.listeners.get(userId) ?? []) listener(cursor);
  }

  get streamCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }
}
