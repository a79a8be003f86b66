/** One open event stream, as the events route keeps it. */
export interface OpenStream {
  /** [A6] the session that opened it. */
  sessionId: string;
  end(): void;
  /** Ends it for a newer stream of the same user, telling its EventSource to wait. */
  crowdOut(): void;
}

/**
 * Each user's open event streams (E1), oldest first: the one record of what is open. The
 * events route adds and forgets streams; the account routes end those of sessions that end
 * [A6], so a signed-out device stops getting pokes at once, not at its next reconnect.
 * Streams held by other server instances end when their EventSource next reconnects (401).
 */
export class OpenStreams {
  private readonly ofUser = new Map<string, OpenStream[]>();

  /** Adds `stream`; answers the user's open streams, oldest first, this one last. */
  add(userId: string, stream: OpenStream): OpenStream[] {
    const streams = [...(this.ofUser.get(userId) ?? []), stream];
    this.ofUser.set(userId, streams);
    return streams;
  }

  forget(userId: string, stream: OpenStream): void {
    const others = (this.ofUser.get(userId) ?? []).filter((other) => other !== stream);
    if (others.length > 0) this.ofUser.set(userId, others);
    else this.ofUser.delete(userId);
  }

  /** [A6] ends the user's streams whose session has ended. */
  endSessions(userId: string, ended: (sessionId: string) => boolean): void {
    for (const stream of this.ofUser.get(userId) ?? []) {
      if (ended(stream.sessionId)) stream.end();
    }
  }

  /** Streams never end by themselves: the server ends them all when it closes. */
  endAll(): void {
    [...this.ofUser.values()].flat().forEach((stream) => stream.end());
  }
}
