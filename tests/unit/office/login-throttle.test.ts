import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src-main/api/contract.ts';
import { Session } from '../../../src-main/api/session.ts';
import { DATABASE_FILE } from '../../../src-main/store/index.ts';
import { ADMIN, openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
const START = Date.parse('2026-12-03T10:00:00.000Z');

/** An office whose clock the test moves; `at` is milliseconds since START. */
async function officeAt(dir: string, clock: { at: number }, options: { setUp?: boolean } = {}): Promise<TestOffice> {
  const office = await openTestOffice(dir, { setUp: options.setUp ?? true, login: false });
  office.data.now = () => new Date(START + clock.at);
  return office;
}

const login = (office: TestOffice, username: string, password: string, session = new Session()) =>
  office.api.call(session, 'session.login', { username, password });

function codeOf(reply: Reply<unknown>): string {
  return reply.ok ? 'ok' : reply.problem.code;
}

function throttleRows(dir: string): { login_key: string; failures: number; blocked_until: string | null }[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT * FROM login_throttle ORDER BY login_key').all() as never;
  } finally {
    db.close();
  }
}

/** Seconds from the clock's present to the end of the wait recorded for the only throttled login. */
function waitSeconds(dir: string, clock: { at: number }): number {
  const [row] = throttleRows(dir);
  return row?.blocked_until ? (Date.parse(row.blocked_until) - (START + clock.at)) / 1000 : 0;
}

describe('log-in throttling', () => {
  it('makes every attempt after five wrong ones wait 30 s, 1, 2, 4, 8, then at most 15 minutes, across restarts', async () => {
    const dir = tempDir();
    const clock = { at: 0 };
    let office = await officeAt(dir, clock);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(codeOf(await login(office, ADMIN.username, `wrong-${attempt}x`))).toBe('bad-login');
      expect(waitSeconds(dir, clock)).toBe(0);
    }
    const fifth = await login(office, ADMIN.username, 'wrong-5x');
    expect(fifth).toMatchObject({ ok: false, problem: { code: 'login-wait' } });
    if (!fifth.ok) {
      expect(fifth.problem.text.en).toMatch(/^Wrong username or password\. Too many wrong attempts\. Try again in 30 seconds \(after \d\d:\d\d\)\.$/);
      expect(fifth.problem.text.mr).toContain('30 सेकंदांनी');
      expect(fifth.problem.text.mr).toContain('पुन्हा प्रयत्न करा');
    }
    expect(waitSeconds(dir, clock)).toBe(30);

    // Even the right password is not checked during the wait.
    clock.at += 10_000;
    const during = await login(office, ADMIN.username, ADMIN.password);
    expect(during).toMatchObject({ ok: false, problem: { code: 'login-wait' } });
    if (!during.ok) expect(during.problem.text.en).toMatch(/^Too many wrong attempts\. Try again in 20 seconds/);

    // Closing and reopening the app (a new openOfficeData on the same folder) keeps the wait.
    office.close();
    office = await officeAt(dir, clock, { setUp: false });
    expect(codeOf(await login(office, ADMIN.username, ADMIN.password))).toBe('login-wait');

    // After each wait, another wrong password doubles the next one, up to 15 minutes.
    const waits: number[] = [];
    for (let attempt = 6; attempt <= 11; attempt++) {
      clock.at += waitSeconds(dir, clock) * 1000;
      expect(codeOf(await login(office, ADMIN.username, `wrong-${attempt}x`))).toBe('login-wait');
      waits.push(waitSeconds(dir, clock));
      if (attempt === 8) {
        office.close();
        office = await officeAt(dir, clock, { setUp: false });
      }
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900]);

    // The right password after the wait lets the operator in and clears the count.
    clock.at += 900_000;
    expect(codeOf(await login(office, ADMIN.username, ADMIN.password))).toBe('ok');
    expect(throttleRows(dir)).toEqual([]);
    for (let attempt = 1; attempt <= 4; attempt++) expect(codeOf(await login(office, ADMIN.username, 'wrong-again1'))).toBe('bad-login');
    office.close();
  });

  it('treats a name that matches no login exactly like a known one, and keeps no trace of the typed name', async () => {
    const dir = tempDir();
    const clock = { at: 0 };
    const office = await officeAt(dir, clock);
    // Someone typed a password into the name field.
    const typed = 'Sunita@Molgi2026';
    const known: Reply<unknown>[] = [];
    const unknown: Reply<unknown>[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      known.push(await login(office, ADMIN.username, 'not-it-123'));
      unknown.push(await login(office, typed, 'not-it-123'));
      clock.at += 10_000;
    }
    expect(unknown.map(codeOf)).toEqual(['bad-login', 'bad-login', 'bad-login', 'bad-login', 'login-wait', 'login-wait', 'login-wait']);
    // Word for word the same refusals at the same moments: nothing tells which names exist.
    expect(unknown).toEqual(known);
    const keys = throttleRows(dir).map((row) => row.login_key);
    expect(keys).toHaveLength(2);
    expect(keys.find((key) => key.startsWith('name:'))).toMatch(/^name:[0-9a-f]{4}$/);
    office.close();
    const bytes = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => {
      try {
        return readFileSync(join(dir, name)).toString('utf8');
      } catch {
        return '';
      }
    });
    expect(bytes.join('')).not.toContain(typed);
  });

  it('counts wrong passwords at the lock screen towards the same wait as the log-in', async () => {
    const dir = tempDir();
    const clock = { at: 0 };
    const office = await officeAt(dir, clock);
    const session = new Session();
    expect(codeOf(await login(office, ADMIN.username, ADMIN.password, session))).toBe('ok');
    expect(codeOf(await office.api.call(session, 'session.lock', {}))).toBe('ok');
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(codeOf(await office.api.call(session, 'session.unlock', { password: `wrong-${attempt}x` }))).toBe('bad-login');
    }
    expect(codeOf(await login(office, ADMIN.username, 'wrong-4x'))).toBe('bad-login');
    expect(codeOf(await office.api.call(session, 'session.unlock', { password: 'wrong-5x' }))).toBe('login-wait');
    // Neither door opens during the wait, not even with the right password.
    expect(codeOf(await office.api.call(session, 'session.unlock', { password: ADMIN.password }))).toBe('login-wait');
    expect(codeOf(await login(office, ADMIN.username, ADMIN.password))).toBe('login-wait');
    clock.at += 30_000;
    expect(codeOf(await office.api.call(session, 'session.unlock', { password: ADMIN.password }))).toBe('ok');
    expect(throttleRows(dir)).toEqual([]);
    office.close();
  });

  it('lets no more than five of many simultaneous guesses reach the password check', async () => {
    const dir = tempDir();
    const clock = { at: 0 };
    const office = await officeAt(dir, clock);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => login(office, ADMIN.username, `guess-${i}x`)));
    expect(replies.filter((reply) => codeOf(reply) === 'bad-login')).toHaveLength(4);
    expect(replies.filter((reply) => codeOf(reply) === 'login-wait')).toHaveLength(16);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const failed = (db.prepare(`SELECT count(*) n FROM audit_log WHERE action = 'session.login-failed'`).get() as { n: number }).n;
    db.close();
    expect(failed).toBe(5);
    office.close();
  });

  it('ends a wait when the administrator resets the password', async () => {
    const dir = tempDir();
    const clock = { at: 0 };
    const office = await officeAt(dir, clock);
    await office.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    const savita = await office.call('operators.add', { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Given2024' });
    for (let attempt = 1; attempt <= 5; attempt++) await login(office, 'savita', `wrong-${attempt}x`);
    expect(codeOf(await login(office, 'savita', 'Given2024'))).toBe('login-wait');
    await office.call('operators.resetPassword', { operatorId: savita.id, password: 'Fresh2026' });
    expect(codeOf(await login(office, 'savita', 'Fresh2026'))).toBe('ok');
    office.close();
  });
});

describe('unknown login names', () => {
  it('run the same scrypt, with the same parameters, as a known name with a wrong password', async () => {
    const dir = tempDir();
    const office = await openTestOffice(dir, { login: false });
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const stored = (db.prepare('SELECT password_hash FROM operator WHERE username = ?').get(ADMIN.username) as { password_hash: string }).password_hash;
    db.close();
    const [, n, r, p] = stored.split('$');

    // Counts real calls of node:crypto's scrypt, as the password module sees it (live ESM bindings).
    const calls: { N?: number; r?: number; p?: number }[] = [];
    const real = crypto.scrypt;
    crypto.scrypt = ((...args: Parameters<typeof real>) => {
      calls.push((args[3] ?? {}) as { N?: number; r?: number; p?: number });
      return (real as (...a: unknown[]) => void)(...args);
    }) as typeof real;
    syncBuiltinESMExports();
    try {
      expect(codeOf(await login(office, 'nobody-here', 'Whatever2026'))).toBe('bad-login');
      const unknown = calls.splice(0);
      expect(codeOf(await login(office, ADMIN.username, 'Whatever2026'))).toBe('bad-login');
      const known = calls.splice(0);
      expect(unknown).toHaveLength(1);
      expect(unknown).toEqual(known);
      expect(unknown[0]).toMatchObject({ N: Number(n), r: Number(r), p: Number(p) });
    } finally {
      crypto.scrypt = real;
      syncBuiltinESMExports();
    }
    office.close();
  });
});
