// Parts of a split bundle posted one request at a time. The hub's import takes all parts of a bundle at
// once and refuses an incomplete set ("parts missing") only after authenticating every part it was
// given, so the server keeps each such authenticated part in memory until the set is complete. Bounded in
// count, bytes and age: a restart or an eviction only means the office sends the parts again.
import { describeBundle } from '../sync/index.ts';

export interface WaitingPartsLimits {
  /** Split bundles held at once. */
  maxGroups: number;
  /** Bytes held over all groups. */
  maxBytes: number;
  /** A group not completed within this time is dropped. */
  maxAgeMs: number;
}

export const DEFAULT_WAITING_PARTS: WaitingPartsLimits = { maxGroups: 64, maxBytes: 256 * 1024 * 1024, maxAgeMs: 60 * 60 * 1000 };

export interface PartOfGroup {
  /** Sender and group id, as the part's header says (authenticated by the import before anything is held). */
  readonly key: string;
  readonly office: string;
  readonly groupId: string;
  readonly index: number;
  readonly count: number;
  /** The parts held for this group, with this one in its place. */
  readonly files: Uint8Array[];
}

interface Group {
  readonly parts: Map<number, Uint8Array>;
  bytes: number;
  readonly since: number;
}

export class WaitingParts {
  readonly #groups = new Map<string, Group>();
  #bytes = 0;

  constructor(
    private readonly limits: WaitingPartsLimits = DEFAULT_WAITING_PARTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The file's group with the parts already held, or undefined when it is a whole bundle or unreadable. */
  partOf(file: Uint8Array): PartOfGroup | undefined {
    this.#expire();
    let header;
    try {
      header = describeBundle(file).header;
    } catch {
      return undefined; // the import refuses it with the precise reason
    }
    if (header.chunk.count <= 1) return undefined;
    const key = `${header.from.office}/${header.chunk.groupId}`;
    const held = new Map(this.#groups.get(key)?.parts ?? []);
    held.set(header.chunk.index, file);
    const files = [...held.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes);
    return { key, office: header.from.office, groupId: header.chunk.groupId, index: header.chunk.index, count: header.chunk.count, files };
  }

  /** Keeps an authenticated part; returns how many parts of its group are held. */
  hold(part: PartOfGroup, file: Uint8Array): number {
    let group = this.#groups.get(part.key);
    if (group === undefined) {
      group = { parts: new Map(), bytes: 0, since: this.now() };
      this.#groups.set(part.key, group);
    }
    const previous = group.parts.get(part.index);
    if (previous !== undefined) this.#take(group, previous.length);
    group.parts.set(part.index, file);
    group.bytes += file.length;
    this.#bytes += file.length;
    // Oldest groups go first (a Map iterates in insertion order); the group just added goes last.
    for (const [key, oldest] of this.#groups) {
      if (this.#groups.size <= this.limits.maxGroups && this.#bytes <= this.limits.maxBytes) break;
      if (key === part.key) continue;
      this.forget(key, oldest);
    }
    return group.parts.size;
  }

  forget(key: string, group = this.#groups.get(key)): void {
    if (group === undefined) return;
    this.#take(group, group.bytes);
    this.#groups.delete(key);
  }

  get heldBytes(): number {
    return this.#bytes;
  }

  #take(group: Group, bytes: number): void {
    group.bytes -= bytes;
    this.#bytes -= bytes;
  }

  #expire(): void {
    const oldest = this.now() - this.limits.maxAgeMs;
    for (const [key, group] of this.#groups) if (group.since < oldest) this.forget(key, group);
  }
}
