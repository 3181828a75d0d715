import { readFileSync } from 'node:fs';

/** Read from package.json, which sits two folders up from both src-main/api and dist-main/api. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
