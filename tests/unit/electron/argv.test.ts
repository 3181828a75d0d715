import { describe, expect, it } from 'vitest';
import { dataDirFromArgv } from '../../../src-main/electron/argv.ts';

describe('dataDirFromArgv', () => {
  it('reads the flag in both spellings, wherever Electron puts the app arguments', () => {
    expect(dataDirFromArgv(['electron', '.', '--data-dir', 'D:\\mts data'])).toBe('D:\\mts data');
    expect(dataDirFromArgv(['C:\\Program Files\\MTS Block Office\\MTS Block Office.exe', '--data-dir=E:\\office'])).toBe('E:\\office');
  });

  it('ignores switches Chromium or shortcuts add', () => {
    expect(
      dataDirFromArgv(['mts.exe', '--allow-file-access-from-files', '--data-dir', '/srv/mts', '--original-process-start-time=1']),
    ).toBe('/srv/mts');
  });

  it('lets the last occurrence win', () => {
    expect(dataDirFromArgv(['mts.exe', '--data-dir=/a', '--data-dir', '/b'])).toBe('/b');
  });

  it('treats a missing or empty value as not given', () => {
    expect(dataDirFromArgv(['mts.exe'])).toBeUndefined();
    expect(dataDirFromArgv(['mts.exe', '--data-dir'])).toBeUndefined();
    expect(dataDirFromArgv(['mts.exe', '--data-dir='])).toBeUndefined();
    // The next switch is not a folder name.
    expect(dataDirFromArgv(['mts.exe', '--data-dir', '--inspect'])).toBeUndefined();
  });

  it('does not mistake a longer flag for it', () => {
    expect(dataDirFromArgv(['mts.exe', '--data-dirs=/x'])).toBeUndefined();
  });
});
