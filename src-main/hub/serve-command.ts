// `mts-hub serve --port P --data H [--host 127.0.0.1] [--body-limit-mb 12] [--rate-limit 30] [--trust-proxy ADDR]`:
// runs the online endpoint (serve.ts) until SIGINT or SIGTERM. It listens on localhost by default: TLS and
// the public address belong to the reverse proxy in front (README.md, "serve").
import { parseArgs } from 'node:util';
import { SERVE_USAGE } from './serve-usage.ts';
import { openHubExchange, type OpenedHubExchange } from './serve-binding.ts';
import { buildHubServer, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_RATE_LIMIT } from './serve.ts';


const MB = 1024 * 1024;

function usageError(message: string): number {
  process.stderr.write(`mts-hub: ${message}\n\n${SERVE_USAGE}`);
  return 2;
}

function wholeNumber(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** Returns the exit code once the server has stopped (or at once for a usage mistake). */
export async function runServeCommand(
  argv: string[],
  open: (dataDir: string | undefined) => Promise<OpenedHubExchange> = openHubExchange,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'body-limit-mb': { type: 'string' },
        'rate-limit': { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  const port = wholeNumber(values.port, 0, 65_535);
  if (port === undefined) return usageError('serve needs --port P, a number from 0 to 65535');
  const bodyLimitMb = values['body-limit-mb'] === undefined ? DEFAULT_BODY_LIMIT_BYTES / MB : wholeNumber(values['body-limit-mb'], 1, 1_024);
  if (bodyLimitMb === undefined) return usageError('--body-limit-mb must be a whole number of megabytes, 1 to 1024');
  const perMinute = values['rate-limit'] === undefined ? DEFAULT_RATE_LIMIT.max : wholeNumber(values['rate-limit'], 1, 100_000);
  if (perMinute === undefined) return usageError('--rate-limit must be a whole number of requests a minute');

  const hub = await open(values.data);
  const server = await buildHubServer({
    exchange: hub.exchange,
    schemaVersion: () => hub.schemaVersion(),
    bodyLimitBytes: bodyLimitMb * MB,
    rateLimit: { max: perMinute, timeWindowMs: 60_000 },
    trustProxy: values['trust-proxy'] ?? false,
    logRequests: true,
  });
  try {
    const address = await server.listen({ host: values.host, port });
    process.stdout.write(`mts-hub: serving ${address} (POST /v1/exchange, GET /v1/health); stop with Ctrl+C\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  } finally {
    await server.close();
    await hub.close();
  }
  return 0;
}
