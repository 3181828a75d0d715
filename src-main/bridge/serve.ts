/**
 * Browser mode: `npm run start:web [-- --data-dir DIR --port N]`. Makes a fresh token for this run and
 * prints the URL (token in its fragment) to open in a browser on this PC. The token is never taken from
 * the command line, where the process list and shell history would show it.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApi } from '../api/dispatch.ts';
import { defaultNodeDataDir, resolveDataDir } from '../common/data-dir.ts';
import { Problem } from '../common/problem.ts';
import { openOfficeData } from '../office/open.ts';
import { startBridge } from './http-bridge.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../dist-renderer/', import.meta.url)).replace(/[/\\]$/, '');

try {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Problem('bad-port', { en: '--port takes a number from 0 to 65535.', mr: '--port साठी ० ते ६५५३५ मधील संख्या द्या.' });
  }
  const dataDir = resolveDataDir(values['data-dir'], defaultNodeDataDir());
  const data = openOfficeData(dataDir);
  const bridge = await startBridge({ api: createApi(data), staticDir: RENDERER_DIR, port });
  console.log(`MTS Block Office (browser mode) — data in ${dataDir}`);
  console.log(`Open: ${bridge.url}`);
  const stop = async () => {
    await bridge.close();
    data.store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  // One line, no stack: a bad option, a refused database or a port already in use.
  const text = error instanceof Problem ? `${error.text.en} / ${error.text.mr}` : error instanceof Error ? error.message : String(error);
  console.error(`mts: ${text}`);
  process.exit(1);
}
