// `mts-hub serve` over fastify's inject: real bundles (signed, encrypted, split) go in and out. The hub
// behind the server is a small in-test one built only from src-main/sync, so these tests run before the
// hub's own import and export are wired in; it authenticates every file as the real hub must.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { WaitingParts } from '../../../src-main/hub/serve-parts.ts';
import {
  buildHubServer,
  readImportSummary,
  splitReplyBody,
  IMPORT_HEADER,
  REPLY_PART_LENGTHS_HEADER,
  REPLY_PARTS_HEADER,
  type HubExchange,
  type HubImportResult,
  type HubReply,
  type HubServerOptions,
} from '../../../src-main/hub/serve.ts';
import {
  ChunkAssembler,
  decodeChangesPayload,
  encodeChangesPayload,
  openBundle,
  rangesOf,
  readBundleHeader,
  splitIntoChunks,
  writeBundle,
  type BundleChange,
} from '../../../src-main/sync/index.ts';
import { EPOCH, makeNode, trustOf, type TestNode } from '../sync/fixtures.ts';

const hubNode = await makeNode('hub');
const officeA = await makeNode('2714');
const officeB = await makeNode('3021');

/**
 * A hub in miniature, behaving as the core hub's importOfficeBundle does: it takes one file or all parts
 * of a split bundle, authenticates every file, refuses an incomplete set as `parts-missing`, stores each
 * change once and answers each office with what it lacks.
 */
class InTestHub implements HubExchange {
  readonly changes: BundleChange[] = [];
  readonly imported = new Set<string>();
  readonly #trust = { trustedKeys: trustOf(officeA, officeB) };
  replyPartBytes = 10_000_000;

  async importOfficeBundle(files: Uint8Array[]): Promise<HubImportResult> {
    for (const file of files) readBundleHeader(file, { ...this.#trust, expectedRecipient: 'hub' });
    const assembler = new ChunkAssembler({ ...this.#trust, expectedRecipient: 'hub', identity: hubNode.identity });
    for (const file of files) await assembler.add(file);
    const opened = assembler.open();
    const payload = decodeChangesPayload(opened.payload, opened.header);
    const summary = { bundleId: opened.header.chunk.groupId, from: opened.header.from.office, changes: payload.changes.length };
    if (this.imported.has(summary.bundleId)) return { status: 'already-imported', ...summary, inserted: 0 };
    const held = new Set(this.changes.map((c) => `${c.origin}#${c.counter}`));
    const fresh = payload.changes.filter((c) => !held.has(`${c.origin}#${c.counter}`));
    this.changes.push(...fresh);
    this.imported.add(summary.bundleId);
    return { status: 'imported', ...summary, inserted: fresh.length };
  }

  async exportForOffice(officeCode: string): Promise<HubReply> {
    const office = [officeA, officeB].find((node) => node.office === officeCode)!;
    const changes = this.changes.filter((c) => !c.origin.startsWith(`${officeCode}-`));
    const acks: Record<string, number> = {};
    for (const c of this.changes) acks[c.origin] = Math.max(acks[c.origin] ?? 0, c.counter);
    const files = await splitIntoChunks(
      {
        kind: 'changes', from: { office: 'hub', series: 1 }, to: officeCode, schemaVersion: 8, epoch: EPOCH,
        ranges: rangesOf(changes), acks, payload: encodeChangesPayload({ changes, acks }),
        signingKey: hubNode.signingKey, recipients: [office.recipient],
      },
      this.replyPartBytes,
    );
    return { bundleId: files.length === 1 ? readBundleHeader(files[0]!, { trustedKeys: trustOf(hubNode) }).id : 'split', files, changes: changes.length };
  }

  snapshot(): string {
    return JSON.stringify({ changes: this.changes, imported: [...this.imported] });
  }
}

function changesOf(office: TestNode, count: number, dataChars = 20): BundleChange[] {
  return Array.from({ length: count }, (_, i) => ({
    origin: `${office.office}-001`,
    counter: i + 1,
    hlc: `00176440000${String(i).padStart(4, '0')}.00000.${office.office}-001`,
    entity: 'measurement',
    entityId: `m-${office.office}-${i + 1}`,
    op: 'insert' as const,
    data: JSON.stringify({ weight_kg: 9.5, note: randomBytes(dataChars).toString('hex') }),
  }));
}

async function officeBundle(office: TestNode, changes: BundleChange[], maxBytes = 10_000_000): Promise<Uint8Array[]> {
  return splitIntoChunks(
    {
      kind: 'changes', from: { office: office.office, series: 1 }, to: 'hub', schemaVersion: 8, epoch: EPOCH,
      ranges: rangesOf(changes), acks: {}, payload: encodeChangesPayload({ changes, acks: {} }),
      signingKey: office.signingKey, recipients: [hubNode.recipient],
    },
    maxBytes,
  );
}

const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serverFor(hub: HubExchange, options: Partial<HubServerOptions> = {}): Promise<FastifyInstance> {
  const server = await buildHubServer({ exchange: hub, schemaVersion: async () => 3, ...options });
  servers.push(server);
  return server;
}

function post(server: FastifyInstance, bytes: Uint8Array, contentType = 'application/octet-stream') {
  return server.inject({ method: 'POST', url: '/v1/exchange', headers: { 'content-type': contentType }, payload: Buffer.from(bytes) });
}

describe('mts-hub serve: POST /v1/exchange', () => {
  it('imports a posted bundle and answers 200 with the reply bundle for that office; the same file again changes nothing', async () => {
    const hub = new InTestHub();
    const server = await serverFor(hub);
    await hub.importOfficeBundle(await officeBundle(officeB, changesOf(officeB, 2)));
    const [file] = await officeBundle(officeA, changesOf(officeA, 3));

    const response = await post(server, file!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers[REPLY_PARTS_HEADER]).toBe('1');
    expect(readImportSummary(String(response.headers[IMPORT_HEADER]))).toMatchObject({ status: 'imported', from: '2714', changes: 3, inserted: 3 });

    const reply = new Uint8Array(response.rawPayload);
    const header = readBundleHeader(reply, { trustedKeys: trustOf(hubNode), expectedRecipient: '2714' });
    expect(header.from.office).toBe('hub');
    const opened = await openBundle(reply, { trustedKeys: trustOf(hubNode), expectedRecipient: '2714', identity: officeA.identity });
    const payload = decodeChangesPayload(opened.payload, opened.header);
    expect(payload.acks).toEqual({ '2714-001': 3, '3021-001': 2 });
    expect(payload.changes.map((c) => c.origin)).toEqual(['3021-001', '3021-001']);

    const before = hub.snapshot();
    const again = await post(server, file!);
    expect(again.statusCode).toBe(200);
    expect(readImportSummary(String(again.headers[IMPORT_HEADER]))).toMatchObject({ status: 'already-imported', changes: 3, inserted: 0 });
    expect(hub.snapshot()).toBe(before);
  });

  it('holds each authenticated part of a split bundle (202) until the last one arrives, then imports all and answers 200', async () => {
    const hub = new InTestHub();
    const server = await serverFor(hub);
    const parts = await officeBundle(officeA, changesOf(officeA, 40, 100), 2_500);
    expect(parts.length).toBeGreaterThan(2);
    const order = [...parts.keys()].reverse();
    for (const [n, index] of order.slice(0, -1).entries()) {
      const response = await post(server, parts[index]!);
      expect(response.statusCode).toBe(202);
      expect(response.rawPayload.length).toBe(0);
      expect(readImportSummary(String(response.headers[IMPORT_HEADER]))).toMatchObject({ status: 'waiting-for-parts', from: '2714', partsHeld: n + 1, partsTotal: parts.length });
      expect(hub.changes).toEqual([]);
    }
    // A damaged copy of the last part is refused and does not disturb the parts held.
    const damaged = Uint8Array.from(parts[order.at(-1)!]!);
    damaged[damaged.length - 3]! ^= 0x40;
    expect((await post(server, damaged)).statusCode).toBe(422);
    const last = await post(server, parts[order.at(-1)!]!);
    expect(last.statusCode).toBe(200);
    expect(readImportSummary(String(last.headers[IMPORT_HEADER]))).toMatchObject({ status: 'imported', changes: 40, inserted: 40 });
    expect(hub.changes).toHaveLength(40);
  });

  it('never holds a part that fails authentication', async () => {
    const hub = new InTestHub();
    const server = await serverFor(hub);
    const stranger = await makeNode('2714');
    const forged = await splitIntoChunks({
      kind: 'changes', from: { office: '2714', series: 1 }, to: 'hub', schemaVersion: 8, epoch: EPOCH, ranges: rangesOf(changesOf(stranger, 40, 100)), acks: {},
      payload: encodeChangesPayload({ changes: changesOf(stranger, 40, 100), acks: {} }), signingKey: stranger.signingKey, recipients: [hubNode.recipient],
    }, 2_500);
    const response = await post(server, forged[0]!);
    expect(response.statusCode).toBe(422);
    expect((response.json() as { code: string }).code).toBe('unknown-signer');
  });

  it('sends a reply too large for one file as its parts, cut apart again by their lengths, each verifying alone', async () => {
    const hub = new InTestHub();
    hub.replyPartBytes = 2_500;
    const server = await serverFor(hub);
    await hub.importOfficeBundle(await officeBundle(officeB, changesOf(officeB, 40, 100)));
    const response = await post(server, (await officeBundle(officeA, changesOf(officeA, 1)))[0]!);
    expect(response.statusCode).toBe(200);
    const count = Number(response.headers[REPLY_PARTS_HEADER]);
    expect(count).toBeGreaterThan(1);
    const files = splitReplyBody(new Uint8Array(response.rawPayload), String(response.headers[REPLY_PART_LENGTHS_HEADER]));
    expect(files).toHaveLength(count);
    const assembler = new ChunkAssembler({ trustedKeys: trustOf(hubNode), expectedRecipient: '2714', identity: officeA.identity });
    for (const file of files) await assembler.add(file);
    expect(decodeChangesPayload(assembler.open().payload, assembler.open().header).changes).toHaveLength(40);
  });

  it('refuses a tampered bundle with 422, the reason in English and Marathi, and changes nothing', async () => {
    const hub = new InTestHub();
    const server = await serverFor(hub);
    const [file] = await officeBundle(officeA, changesOf(officeA, 3));
    const before = hub.snapshot();
    for (const offset of [20, Math.floor(file!.length / 2), file!.length - 1]) {
      const tampered = Uint8Array.from(file!);
      tampered[offset]! ^= 0x01;
      const response = await post(server, tampered);
      expect(response.statusCode).toBe(422);
      const body = response.json() as { code: string; message: { en: string; mr: string } };
      expect(body.code).toMatch(/^(bad-signature|payload-hash-mismatch|header-damaged)$/);
      expect(body.message.en.length).toBeGreaterThan(10);
      expect(body.message.mr).toMatch(/[\u0900-\u097F]/);
      expect(response.headers[IMPORT_HEADER]).toBeUndefined();
    }
    const foreign = (await splitIntoChunks({
      kind: 'changes', from: { office: '2714', series: 1 }, to: 'hub', schemaVersion: 8, epoch: EPOCH, ranges: [], acks: {},
      payload: encodeChangesPayload({ changes: [], acks: {} }), signingKey: (await makeNode('2714')).signingKey, recipients: [hubNode.recipient],
    }))[0]!;
    const unknown = await post(server, foreign);
    expect(unknown.statusCode).toBe(422);
    expect((unknown.json() as { code: string }).code).toBe('unknown-signer');
    expect(hub.snapshot()).toBe(before);
  });

  it('answers 413 to a body over the limit without calling the hub, and 415 to anything but a bundle upload', async () => {
    const hub = new InTestHub();
    const server = await serverFor(hub, { bodyLimitBytes: 1_024 });
    const tooLarge = await post(server, randomBytes(2_048));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'bundle-too-large', message: { en: expect.any(String), mr: expect.any(String) } });
    const json = await post(server, Buffer.from('{"changes":[]}'), 'application/json');
    expect(json.statusCode).toBe(415);
    expect((json.json() as { code: string }).code).toBe('not-a-bundle-upload');
    expect(hub.snapshot()).toBe(new InTestHub().snapshot());
  });

  it('answers 429 once a client address exceeds the rate limit', async () => {
    const server = await serverFor(new InTestHub(), { rateLimit: { max: 3, timeWindowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await server.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(200);
    const limited = await post(server, randomBytes(100));
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'too-many-requests', message: { en: expect.stringContaining('Too many'), mr: expect.any(String) } });
    expect(limited.headers['retry-after']).toBeDefined();
    const other = await server.inject({ method: 'GET', url: '/v1/health', remoteAddress: '10.1.2.3' });
    expect(other.statusCode).toBe(200);
  });

  it('has no other route: 404 with one bilingual sentence, and GET /v1/health gives the schema version', async () => {
    const server = await serverFor(new InTestHub());
    expect((await server.inject({ method: 'GET', url: '/v1/health' })).json()).toEqual({ ok: true, schemaVersion: 3 });
    for (const [method, url] of [['GET', '/'], ['GET', '/v1/'], ['GET', '/v1/exchange'], ['POST', '/v1/exchange/../health'], ['POST', '/v1/import'], ['GET', '/pgdata/'], ['PUT', '/v1/exchange']] as const) {
      const response = await server.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not-found', message: { en: expect.any(String), mr: expect.any(String) } });
    }
  });

  it('answers a failure inside the hub with 500 and no detail, and health with 503 when the database is down', async () => {
    const failing: HubExchange = {
      importOfficeBundle: async () => {
        throw new Error('relation "change" violates something about household 4f1e…');
      },
      exportForOffice: async () => ({ bundleId: '', files: [], changes: 0 }),
    };
    const server = await serverFor(failing, { schemaVersion: async () => Promise.reject(new Error('connection refused')) });
    const response = await post(server, randomBytes(100));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('household');
    expect((response.json() as { code: string }).code).toBe('hub-error');
    expect((await server.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(503);
  });
});

describe('parts waiting between requests', () => {
  it('keeps within its limits: the oldest group goes first, and a group too old is dropped', async () => {
    const a = await officeBundle(officeA, changesOf(officeA, 40, 100), 2_500);
    const b = await officeBundle(officeB, changesOf(officeB, 40, 100), 2_500);
    let now = 0;
    const waiting = new WaitingParts({ maxGroups: 1, maxBytes: 1_000_000, maxAgeMs: 1_000 }, () => now);
    const partA = waiting.partOf(a[0]!)!;
    expect(waiting.hold(partA, a[0]!)).toBe(1);
    expect(waiting.partOf(a[1]!)!.files).toHaveLength(2);
    const partB = waiting.partOf(b[0]!)!;
    waiting.hold(partB, b[0]!);
    expect(waiting.partOf(a[1]!)!.files).toHaveLength(1);
    expect(waiting.heldBytes).toBe(b[0]!.length);
    now = 2_000;
    expect(waiting.partOf(b[1]!)!.files).toHaveLength(1);
    expect(waiting.heldBytes).toBe(0);
    expect(waiting.partOf((await officeBundle(officeA, changesOf(officeA, 1)))[0]!)).toBeUndefined();
    expect(waiting.partOf(randomBytes(50))).toBeUndefined();
  });
});
