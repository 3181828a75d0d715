// The serve command's usage, apart from serve-command.ts so the main usage text does not load Fastify.
export const SERVE_USAGE = `  serve --port P [--host 127.0.0.1] [--body-limit-mb 12] [--rate-limit 30] [--trust-proxy ADDR]
                   the online exchange for offices: POST /v1/exchange (one bundle file in, the reply
                   bundle out), GET /v1/health; put a TLS reverse proxy in front (src-main/hub/README.md)
`;
