/**
 * Browser mode: `npm run start:web [-- --data-dir DIR --port N]`. Prints the URL (with its one-run token)
 * to open in a browser on this PC.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApi } from '../api/dispatch.ts';
import { defaultNodeDataDir, resolveDataDir } from '../common/data-dir.ts';
import { Problem } from '../common/problem.ts';
import { openOfficeData } from '../office/open.ts';
import { startBridge } from './http-bridge.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../dist-renderer/', import.meta.url)).replace(/[/\\]$/, '');

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, token: { type: 'string' } },
});

try {
  const dataDir = resolveDataDir(values['data-dir'], defaultNodeDataDir());
  const data = openOfficeData(dataDir);
  const bridge = await startBridge({
    api: createApi(data),
    staticDir: RENDERER_DIR,
    port: values.port ? Number(values.port) : 0,
    token: values.token,
  });
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
  console.error(error instanceof Problem ? error.text.en : error);
  process.exit(1);
}
