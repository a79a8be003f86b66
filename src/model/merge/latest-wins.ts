/** Who wrote a field last, by the device's clock: what the latest-wins strategy compares. */
export interface WriteClock {
  clientTime: number;
  clientId: string;
}

/**
 * [P3 latest-wins] Whether the incoming write beats the one the field holds: the later
 * clientTime wins, ties go to the larger clientId (plain string order), so every server
 * decides the same way whatever order the writes arrive in. A field no `set` ever wrote
 * (created empty) has no clock, and any write beats it.
 */
export function incomingWins(incoming: WriteClock, existing: WriteClock | undefined): boolean {
  if (!existing) return true;
  if (incoming.clientTime !== existing.clientTime) {
    return incoming.clientTime > existing.clientTime;
  }
  return incoming.clientId > existing.clientId;
}
