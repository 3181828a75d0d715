// `mts-hub serve`: the hub's online endpoint for offices with an internet connection. One exchange route:
// an office posts one bundle file (or one part of a split bundle) and gets back the hub's reply bundle for
// that office — the same files it would otherwise carry on a USB stick. Bundles authenticate themselves
// (Ed25519 signature of an enrolled, unrevoked office key), so the server takes no password, token or key
// from a request. TLS, the public address and access logs belong to a reverse proxy in front (README.md,
// "serve"); this process listens on localhost behind it and adds size limits, rate limits and timeouts.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Problem, type BilingualText } from '../common/problem.ts';
import { BundleError } from '../sync/index.ts';
import { WaitingParts, DEFAULT_WAITING_PARTS, type WaitingPartsLimits } from './serve-parts.ts';

/** What an import tells the caller. Its top-level numbers, strings and booleans travel back in a header. */
export interface HubImportResult {
  status: 'imported' | 'already-imported' | 'waiting-for-parts';
  bundleId: string;
  /** The sending office's code. */
  from: string;
  changes: number;
  inserted: number;
}

export interface HubReply {
  bundleId: string;
  /** One file, or the parts of a split reply. */
  files: Uint8Array[];
  changes: number;
}

/** The two hub operations the server needs, bound to one open hub (src-main/hub's import and export). */
export interface HubExchange {
  /**
   * Authenticates and imports a bundle: one file, or the parts of a split one. Throws a Problem
   * (BundleError) when it is refused; an incomplete set of parts is refused as `parts-missing` after
   * every part given was authenticated (or answered with status `waiting-for-parts`).
   */
  importOfficeBundle(files: Uint8Array[]): Promise<HubImportResult>;
  /** Everything the office has not acknowledged, as a bundle addressed to it. */
  exportForOffice(officeCode: string): Promise<HubReply>;
}

export interface HubServerOptions {
  exchange: HubExchange;
  /** For `GET /v1/health`. */
  schemaVersion: () => Promise<number>;
  /** Largest accepted request body; default 12 MiB (offices split bundles at 10 MB). */
  bodyLimitBytes?: number;
  /** Requests per client address and window; default 30 a minute. */
  rateLimit?: { max: number; timeWindowMs: number };
  /** A request must arrive completely within this time; default 120 s. */
  requestTimeoutMs?: number;
  /**
   * Addresses of the reverse proxy whose X-Forwarded-For is believed (fastify `trustProxy`), so rate limits
   * apply per office rather than to the proxy. Default: none.
   */
  trustProxy?: boolean | string | string[];
  /** Log one line per request (method, path, status, time; never a body). Default off. */
  logRequests?: boolean;
  /** Parts of split bundles held between requests. */
  waitingParts?: WaitingPartsLimits;
}

export const DEFAULT_BODY_LIMIT_BYTES = 12 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 30, timeWindowMs: 60_000 } as const;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
export const IMPORT_HEADER = 'x-mts-import';
import { REPLY_PART_LENGTHS_HEADER, REPLY_PARTS_HEADER } from '../sync/index.ts';
export { REPLY_PART_LENGTHS_HEADER, REPLY_PARTS_HEADER, splitReplyBody } from '../sync/index.ts';
const BUNDLE_TYPE = 'application/octet-stream';

interface ErrorBody {
  code: string;
  message: BilingualText;
}

const HTTP_MESSAGES: Record<number, ErrorBody> = {
  400: { code: 'bad-request', message: { en: 'The request is malformed.', mr: 'विनंती चुकीची आहे.' } },
  404: { code: 'not-found', message: { en: 'There is nothing here. Offices post bundles to /v1/exchange.', mr: 'येथे काहीही नाही. कार्यालये बंडल /v1/exchange वर पाठवतात.' } },
  408: { code: 'request-timeout', message: { en: 'The bundle took too long to arrive; send it again.', mr: 'बंडल येण्यास खूप वेळ लागला; पुन्हा पाठवा.' } },
  413: {
    code: 'bundle-too-large',
    message: {
      en: 'The bundle is larger than the hub accepts online; export it split into smaller parts or send it by USB or e-mail.',
      mr: 'बंडल हब ऑनलाइन स्वीकारते त्यापेक्षा मोठी आहे; ती लहान भागांत निर्यात करा किंवा USB / ई-मेलने पाठवा.',
    },
  },
  415: { code: 'not-a-bundle-upload', message: { en: 'Send the bundle file as application/octet-stream.', mr: 'बंडल फाइल application/octet-stream म्हणून पाठवा.' } },
  429: { code: 'too-many-requests', message: { en: 'Too many requests from this address; wait a minute and send again.', mr: 'या पत्त्यावरून खूप विनंत्या आल्या; एक मिनिट थांबा आणि पुन्हा पाठवा.' } },
  500: { code: 'hub-error', message: { en: 'The hub could not handle the bundle; nothing was changed. Try again later or send it by USB.', mr: 'हब बंडल हाताळू शकले नाही; काहीही बदलले नाही. नंतर पुन्हा प्रयत्न करा किंवा USB ने पाठवा.' } },
  503: { code: 'hub-unavailable', message: { en: 'The hub is not available right now; try again later.', mr: 'हब सध्या उपलब्ध नाही; नंतर पुन्हा प्रयत्न करा.' } },
};

/** The server, ready for `listen` or `inject`; closing it does not close the hub behind `exchange`. */
export async function buildHubServer(options: HubServerOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const limits = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const app = Fastify({
    logger: options.logRequests ?? false,
    bodyLimit,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    trustProxy: options.trustProxy ?? false,
    // While stopping, requests still in progress finish; new ones are told to come back.
    return503OnClosing: true,
  });

  await app.register(rateLimit, {
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, ...HTTP_MESSAGES[429]!, retryAfterMs: context.ttl }),
  });

  // Only bundles are accepted: the raw bytes, never parsed here beyond their length.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(BUNDLE_TYPE, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  // The framework's own error texts name its internals; every error answer is one of ours instead.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof Problem) return sendProblem(reply, 422, { code: error.code, message: error.text });
    const status = error.statusCode ?? 500;
    if (status === 429) return sendProblem(reply, 429, HTTP_MESSAGES[429]!);
    const known = HTTP_MESSAGES[status];
    if (status >= 400 && status < 500) return sendProblem(reply, status, known ?? HTTP_MESSAGES[400]!);
    // Anything else is a bug or a database failure: say so without details, which could name personal data.
    reply.log.error({ code: (error as { code?: unknown }).code }, 'hub exchange failed');
    return sendProblem(reply, 500, HTTP_MESSAGES[500]!);
  });
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (_request, reply) => sendProblem(reply, 404, HTTP_MESSAGES[404]!));

  app.get('/v1/health', async (_request, reply) => {
    try {
      return { ok: true, schemaVersion: await options.schemaVersion() };
    } catch {
      return reply.code(503).send({ ok: false });
    }
  });

  const waiting = new WaitingParts(options.waitingParts ?? DEFAULT_WAITING_PARTS);
  app.post('/v1/exchange', async (request, reply) => {
    const body = request.body;
    if (!(body instanceof Uint8Array) || body.length === 0) return sendProblem(reply, 400, HTTP_MESSAGES[400]!);
    const file = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    reply.header('cache-control', 'no-store');
    const part = waiting.partOf(file);
    let result: HubImportResult;
    try {
      result = await options.exchange.importOfficeBundle(part ? part.files : [file]);
    } catch (error) {
      if (part === undefined || !(error instanceof BundleError) || error.code !== 'parts-missing') throw error;
      // Every part given was authenticated before the import saw that some are still to come.
      const held = waiting.hold(part, file);
      const summary = { status: 'waiting-for-parts', bundleId: part.groupId, from: part.office, changes: 0, inserted: 0, partsHeld: held, partsTotal: part.count };
      return reply.code(202).header(IMPORT_HEADER, importSummary(summary)).send();
    }
    if (part !== undefined && result.status !== 'waiting-for-parts') waiting.forget(part.key);
    reply.header(IMPORT_HEADER, importSummary(result));
    if (result.status === 'waiting-for-parts') return reply.code(202).send();
    const answer = await options.exchange.exportForOffice(result.from);
    if (answer.files.length === 0) return reply.code(204).send();
    reply.header(REPLY_PARTS_HEADER, String(answer.files.length));
    // A reply too large for one part is sent as its parts one after another; each still verifies alone.
    if (answer.files.length > 1) reply.header(REPLY_PART_LENGTHS_HEADER, answer.files.map((file) => file.length).join(','));
    return reply.code(200).type(BUNDLE_TYPE).send(Buffer.concat(answer.files));
  });

  return app;
}

function sendProblem(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ code: body.code, message: body.message });
}

/**
 * The import result's top-level counts and ids as base64url JSON, for the `X-MTS-Import` header. Lists
 * (such as household ids) stay out: a header must stay small, and a proxy limits its size.
 */
export function importSummary(result: object): string {
  const summary: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(result)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') summary[name] = value;
  }
  return Buffer.from(JSON.stringify(summary), 'utf8').toString('base64url');
}

/** The office side's reading of `X-MTS-Import`. */
export function readImportSummary(header: string): Record<string, string | number | boolean> {
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, string | number | boolean>;
}

