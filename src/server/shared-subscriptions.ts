import type { ExecutionResult } from 'graphql';
import { ParkedIterator } from './parked-iterator';

type Started = AsyncIterable<ExecutionResult> | ExecutionResult;

interface Member {
  push(result: ExecutionResult): void;
  fail(error: unknown): void;
  end(): void;
}

interface Group {
  key: string;
  members: Set<Member>;
  started: Promise<Started>;
  source: AsyncIterator<ExecutionResult> | null;
}

export interface SharedSubscriptionsOptions {
  /** Members served per turn of the event loop when a result fans out (default 500). */
  fanOutSlice?: number;
  /** Distinct executions running now (one per group). */
  onGroups?: (count: number) => void;
  /** Gives the event loop a turn between slices of a fan-out. @default setImmediate */
  nextTurn?: () => Promise<void>;
}

const setImmediateTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Subscribers of the same operation — same document, variables, caller and vendor
 * credentials — share one execution: every event is resolved once and the same result goes
 * to each of them, so fan-out costs a serialisation and a send per subscriber, not a
 * resolver run. The first subscriber's start decides for all who arrive while it starts (a
 * refusal reaches each of them); the execution stops when the last one leaves.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: SharedSubscriptionsOptions = {}) {}

  get size(): number {
    return this.groups.size;
  }

  /**
   * Joins (or starts) the execution of `key`. Results go straight to `deliver` as they come
   * (the caller writes them out and bounds what it holds); the iterable answered only ends or
   * fails with the execution, and leaves the group on `return()`.
   */
  async subscribe(key: string, start: () => Started | Promise<Started>, deliver: (result: ExecutionResult) => void): Promise<Started> {
    let group = this.groups.get(key);
    if (!group) {
      const created: Group = { key, members: new Set(), started: Promise.resolve().then(start), source: null };
      group = created;
      this.groups.set(key, created);
      this.options.onGroups?.(this.groups.size);
      void created.started.then(
        (started) => (isIterable(started) ? this.pump(key, created, started) : this.forget(key, created)),
        () => this.forget(key, created),
      );
    }
    const joined = group;
    const started = await joined.started;
    if (!isIterable(started)) return started;
    return this.member(joined, deliver);
  }

  /** Closes over the group's own key: a member keeps no copy of its subscriber's. */
  private member(group: Group, deliver: (result: ExecutionResult) => void): AsyncIterable<ExecutionResult> {
    const parked: ParkedIterator<ExecutionResult> = new ParkedIterator(() => {
      group.members.delete(member);
      if (group.members.size === 0) void this.stop(group.key, group);
    });
    const member: Member = { push: deliver, fail: (error) => parked.fail(error), end: () => parked.end() };
    group.members.add(member);
    return parked;
  }

  private async pump(key: string, group: Group, source: AsyncIterable<ExecutionResult>): Promise<void> {
    const iterator = source[Symbol.asyncIterator]();
    group.source = iterator;
    // Nobody may be left by the time the start resolved (a subscriber that left at once).
    if (group.members.size === 0) queueMicrotask(() => group.members.size === 0 && void this.stop(key, group));
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) await this.fanOut(group, next.value);
      this.forget(key, group);
      for (const member of group.members) member.end();
    } catch (error) {
      this.forget(key, group);
      for (const member of group.members) member.fail(error);
    }
  }

  /**
   * Every member gets the result; past a slice of members the event loop gets a turn between
   * slices, so a fan-out to ten thousand sockets (a write each) never holds HTTP requests and
   * other sockets up for its whole length. The next result waits for this one to reach all.
   */
  private async fanOut(group: Group, result: ExecutionResult): Promise<void> {
    const slice = this.options.fanOutSlice ?? 500;
    const nextTurn = this.options.nextTurn ?? setImmediateTurn;
    if (group.members.size <= slice) {
      for (const member of group.members) member.push(result);
      return;
    }
    const members = [...group.members];
    for (let start = 0; start < members.length; start += slice) {
      if (start > 0) await nextTurn();
      for (let i = start; i < Math.min(start + slice, members.length); i++) {
        const member = members[i]!;
        if (group.members.has(member)) member.push(result);
      }
    }
  }

  private async stop(key: string, group: Group): Promise<void> {
    this.forget(key, group);
    await group.source?.return?.();
  }

  private forget(key: string, group: Group): void {
    if (this.groups.get(key) !== group) return;
    this.groups.delete(key);
    this.options.onGroups?.(this.groups.size);
  }
}

function isIterable(value: Started): value is AsyncIterable<ExecutionResult> {
  return typeof (value as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator] === 'function';
}
