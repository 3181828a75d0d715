// A stand-in for the state hub's routing in the exchange tests: its own Ed25519 and age keys, an
// in-memory union of every change it received, and what each office acknowledged. It opens an office's
// bundle addressed to 'hub' and re-writes the changes as a bundle from 'hub' to another office, carrying
// every change that office has not acknowledged. Real bundles, real keys; the hub step replaces it.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { addPeer } from '../../../src-main/exchange/index.ts';
import { ensureOfficeAgeIdentity, ensureOfficeKey } from '../../../src-main/keys/index.ts';
import type { OfficeData } from '../../../src-main/office/service.ts';
import { readOffice } from '../../../src-main/office/service.ts';
import {
  ChunkAssembler,
  createEncryptionKeys,
  decodeChangesPayload,
  encodeChangesPayload,
  keyIdOf,
  rangesOf,
  splitIntoChunks,
  type BundleChange,
  type Revocation,
  type TrustedKey,
} from '../../../src-main/sync/index.ts';

export class TestRelay {
  readonly epoch = randomUUID();
  readonly #offices = new Map<string, TrustedKey & { recipient: string }>();
  readonly #log = new Map<string, Map<number, BundleChange>>();
  readonly #acked = new Map<string, Map<string, number>>();
  /** Revocations to carry in every bundle, as the hub does. */
  revocations: Revocation[] = [];

  private constructor(
    readonly signingKey: KeyObject,
    readonly publicKey: KeyObject,
    readonly identity: string,
    readonly recipient: string,
  ) {}

  static async create(): Promise<TestRelay> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keys = await createEncryptionKeys();
    return new TestRelay(privateKey, publicKey, keys.identity, keys.recipient);
  }

  /** Enrolment in short: the office trusts the relay as 'hub', the relay knows the office's keys. */
  async enrol(data: OfficeData): Promise<void> {
    const office = readOffice(data)!.code;
    const key = ensureOfficeKey(data.dataDir, data.keyProtection);
    const identity = await ensureOfficeAgeIdentity(data.dataDir, data.keyProtection);
    this.#offices.set(office, { office, publicKey: key.publicKey, recipient: identity.recipient });
    addPeer(data, { peer: 'hub', publicKey: this.publicKey, ageRecipient: this.recipient });
  }

  /** Takes an office's bundle: stores its changes (each once) and raises that office's acks. */
  async receive(files: Uint8Array | readonly Uint8Array[]): Promise<void> {
    const trustedKeys = new Map<string, TrustedKey>();
    for (const office of this.#offices.values()) trustedKeys.set(keyIdOf(office.publicKey), office);
    const assembler = new ChunkAssembler({ trustedKeys, expectedRecipient: 'hub', identity: this.identity });
    for (const file of files instanceof Uint8Array ? [files] : files) await assembler.add(file);
    const { header, payload } = assembler.open();
    const { changes, acks } = decodeChangesPayload(payload, header);
    for (const change of changes) {
      let origin = this.#log.get(change.origin);
      if (!origin) this.#log.set(change.origin, (origin = new Map()));
      if (!origin.has(change.counter)) origin.set(change.counter, change);
    }
    let acked = this.#acked.get(header.from.office);
    if (!acked) this.#acked.set(header.from.office, (acked = new Map()));
    for (const [origin, mark] of Object.entries(acks)) acked.set(origin, Math.max(acked.get(origin) ?? 0, mark));
  }

  /** What it holds now, to go back to with `restore` (the offices' data folders are copied alike). */
  snapshot(): { log: Map<string, Map<number, BundleChange>>; acked: Map<string, Map<string, number>> } {
    const copy = <K, V>(map: Map<string, Map<K, V>>) => new Map([...map].map(([key, inner]) => [key, new Map(inner)]));
    return { log: copy(this.#log), acked: copy(this.#acked) };
  }

  restore(state: ReturnType<TestRelay['snapshot']>): void {
    this.#log.clear();
    this.#acked.clear();
    for (const [key, inner] of state.log) this.#log.set(key, new Map(inner));
    for (const [key, inner] of state.acked) this.#acked.set(key, new Map(inner));
  }

  /** Per origin, the highest counter held without a gap. */
  highWater(): Record<string, number> {
    const acks: Record<string, number> = {};
    for (const origin of [...this.#log.keys()].sort()) {
      const counters = this.#log.get(origin)!;
      let mark = 0;
      while (counters.has(mark + 1)) mark += 1;
      acks[origin] = mark;
    }
    return acks;
  }

  /**
   * A bundle from 'hub' to an office with every change it has not acknowledged; `only` narrows it to
   * chosen changes (to play a hub that sends part of its backlog, for the out-of-order tests).
   */
  async bundleFor(office: string, only: (change: BundleChange) => boolean = () => true): Promise<Uint8Array> {
    return (await this.partsFor(office, Number.MAX_SAFE_INTEGER, only))[0]!;
  }

  /** The same bundle split into files of at most `maxBytes` (e-mail attachments). */
  async partsFor(office: string, maxBytes: number, only: (change: BundleChange) => boolean = () => true): Promise<Uint8Array[]> {
    const target = this.#offices.get(office);
    if (!target) throw new Error(`relay: office ${office} not enrolled`);
    const acked = this.#acked.get(office) ?? new Map<string, number>();
    const changes: BundleChange[] = [];
    for (const origin of [...this.#log.keys()].sort()) {
      const counters = [...this.#log.get(origin)!.keys()].sort((a, b) => a - b);
      for (const counter of counters) {
        const change = this.#log.get(origin)!.get(counter)!;
        if (counter > (acked.get(origin) ?? 0) && only(change)) changes.push(change);
      }
    }
    const acks = this.highWater();
    return splitIntoChunks({
      kind: 'changes',
      from: { office: 'hub', series: 1 },
      to: office,
      schemaVersion: 8,
      epoch: this.epoch,
      ranges: rangesOf(changes),
      acks,
      payload: encodeChangesPayload({ changes, acks, revocations: this.revocations }),
      signingKey: this.signingKey,
      recipients: [target.recipient],
    }, maxBytes);
  }
}
