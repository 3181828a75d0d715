/**
 * Reads `--data-dir DIR` or `--data-dir=DIR` from Electron's command line. Hand-rolled rather than
 * `util.parseArgs`: Chromium and Windows shortcuts add switches of their own, which must not be errors,
 * and the position of the app's own arguments differs between `electron .` and the packaged exe.
 */
export const DATA_DIR_FLAG = '--data-dir';

export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === DATA_DIR_FLAG) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) found = next;
      i++;
    } else if (arg.startsWith(`${DATA_DIR_FLAG}=`)) {
      found = arg.slice(DATA_DIR_FLAG.length + 1);
    }
  }
  // The last occurrence wins, as with most command-line tools; an empty value means "not given".
  return found === '' ? undefined : found;
}

/**
 * Sync bundles Windows passes when the operator opens a `.mtsb` file from Explorer (the installer
 * associates the extension with the app): any argument naming such a file, whatever its position.
 */
export function bundleFilesFromArgv(argv: readonly string[]): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && /\.mtsb$/i.test(arg));
}
