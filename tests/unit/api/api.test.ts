import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src-main/api/session.ts';
import { startBridge } from '../../../src-main/bridge/http-bridge.ts';
import { ADMIN, addSignedInOperator, openTestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();

describe('the handler map', () => {
  it('rejects unknown names and malformed input, naming the field', async () => {
    const office = await openTestOffice(tempDir());
    const unknown = await office.api.call(office.session, 'office.dropTables', {});
    expect(unknown).toMatchObject({ ok: false, problem: { code: 'unknown-call' } });
    const bad = await office.api.call(office.session, 'operators.add', { username: 'x', fullName: 'Savita Padvi', role: 'boss', password: 'Entry2024' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.fields.map((f) => f.field).sort()).toEqual(['role', 'username']);
    office.close();
  });

  it('enforces roles: an operator cannot add logins, an admin can', async () => {
    const office = await openTestOffice(tempDir());
    const operatorSession = await addSignedInOperator(office, { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });
    const denied = await office.api.call(operatorSession, 'operators.add', { username: 'other', fullName: 'Other One', role: 'admin', password: 'Entry2024' });
    expect(denied).toMatchObject({ ok: false, problem: { code: 'forbidden' } });
    const anonymous = await office.api.call(new Session(), 'awc.list', {});
    expect(anonymous).toMatchObject({ ok: false, problem: { code: 'not-signed-in' } });
    office.close();
  });

  it('lets a login with an administrator-set password do nothing but choose its own', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('operators.add', { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Given2024' });
    const session = new Session();
    const login = await office.api.call(session, 'session.login', { username: 'savita', password: 'Given2024' });
    expect(login).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    expect(await office.api.call(session, 'awc.list', {})).toMatchObject({ ok: false, problem: { code: 'password-change-required' } });
    expect((await office.api.call(session, 'session.changePassword', { currentPassword: 'Given2024', newPassword: 'Savita2025' })).ok).toBe(true);
    expect((await office.api.call(session, 'awc.list', {})).ok).toBe(true);
    office.close();
  });

  it('refuses a wrong password and a deactivated login', async () => {
    const office = await openTestOffice(tempDir());
    const wrong = await office.api.call(new Session(), 'session.login', { username: ADMIN.username, password: 'wrong-one1' });
    expect(wrong).toMatchObject({ ok: false, problem: { code: 'bad-login' } });
    const added = await office.call('operators.add', { username: 'savita', fullName: 'Savita Padvi', role: 'operator', password: 'Entry2024' });
    await office.call('operators.setActive', { operatorId: added.id, active: false, reason: 'transferred to Taloda' });
    const inactive = await office.api.call(new Session(), 'session.login', { username: 'savita', password: 'Entry2024' });
    expect(inactive).toMatchObject({ ok: false, problem: { code: 'bad-login' } });
    office.close();
  });

  it('locks an idle session until the password is given again', async () => {
    const office = await openTestOffice(tempDir(), { login: false });
    let now = Date.now();
    const session = new Session(() => now);
    expect((await office.api.call(session, 'session.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    now += 11 * 60_000;
    expect(await office.api.call(session, 'awc.list', {})).toMatchObject({ ok: false, problem: { code: 'locked' } });
    expect(await office.api.call(session, 'session.unlock', { password: 'wrong-one1' })).toMatchObject({ ok: false });
    expect((await office.api.call(session, 'session.unlock', { password: ADMIN.password })).ok).toBe(true);
    expect((await office.api.call(session, 'awc.list', {})).ok).toBe(true);
    office.close();
  });

  it('counts only what a signed-in operator does as activity: public calls never keep a session open', async () => {
    const office = await openTestOffice(tempDir(), { login: false });
    let now = Date.now();
    const session = new Session(() => now);
    expect((await office.api.call(session, 'session.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    now += 9 * 60_000;
    expect((await office.api.call(session, 'awc.list', {})).ok).toBe(true);
    // For the next 10 minutes only public calls: a page polling the status, the districts list, the WHO
    // labels, and someone trying passwords at the unlock screen (four times: a fifth would start the
    // log-in throttle's wait, which is tested on its own).
    for (let minute = 1; minute <= 10; minute++) {
      now += 60_000;
      for (const [name, input] of [
        ['app.status', {}],
        ['office.districts', {}],
        ['nutrition.about', {}],
        ...(minute <= 4 ? [['session.unlock', { password: 'wrong-one1' }] as const] : []),
      ] as const) {
        await office.api.call(session, name, input);
      }
    }
    now += 1_000;
    expect(await office.api.call(session, 'awc.list', {})).toMatchObject({ ok: false, problem: { code: 'locked' } });
    expect((await office.api.call(session, 'session.unlock', { password: ADMIN.password })).ok).toBe(true);
    // A role call does count: 9 minutes apart, twice, and the session stays open.
    now += 9 * 60_000;
    expect((await office.api.call(session, 'awc.list', {})).ok).toBe(true);
    now += 9 * 60_000;
    expect((await office.api.call(session, 'awc.list', {})).ok).toBe(true);
    office.close();
  });

  it('remembers the language per operator', async () => {
    const office = await openTestOffice(tempDir());
    await office.call('session.setLanguage', { language: 'en' });
    const status = await office.call('app.status', {});
    expect(status.operator?.language).toBe('en');
    office.close();
  });
});

describe('the loopback HTTP bridge', () => {
  it('serves the same handlers, only with the run token and only on 127.0.0.1', async () => {
    const office = await openTestOffice(tempDir(), { login: false });
    const staticDir = fileURLToPath(new URL('../../../src-renderer', import.meta.url));
    const bridge = await startBridge({ api: office.api, staticDir });
    try {
      expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const endpoint = `http://127.0.0.1:${bridge.port}/api/app.status`;
      expect((await fetch(endpoint, { method: 'POST' })).status).toBe(401);
      expect((await fetch(endpoint, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(endpoint, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}` }, body: '{}' });
      const reply = (await ok.json()) as { ok: boolean; value: { setUp: boolean; office: { code: string } } };
      expect(reply).toMatchObject({ ok: true, value: { setUp: true, office: { code: '2714' } } });
      const foreign = await fetch(endpoint, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, origin: 'http://evil.example' } });
      expect(foreign.status).toBe(403);
      const page = await fetch(`http://127.0.0.1:${bridge.port}/`);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const escape = await fetch(`http://127.0.0.1:${bridge.port}/..%2f..%2fpackage.json`);
      expect(await escape.text()).not.toContain('"dependencies"');
    } finally {
      await bridge.close();
      office.close();
    }
  });

  it('answers a bad %-encoding in the address with 400 and a clear reason, on the API and for pages', async () => {
    const office = await openTestOffice(tempDir(), { login: false });
    const staticDir = fileURLToPath(new URL('../../../src-renderer', import.meta.url));
    const bridge = await startBridge({ api: office.api, staticDir });
    /** Raw HTTP, so the bad escapes reach the server exactly as sent. */
    const raw = (method: string, path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const sent = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { authorization: `Bearer ${bridge.token}` } }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        sent.on('error', reject);
        sent.end(method === 'POST' ? '{}' : undefined);
      });
    try {
      for (const [method, path] of [
        ['POST', '/api/app.status%'],
        ['POST', '/api/%E0%A4'],
        ['GET', '/%zz'],
        ['GET', '/assets/%C0%AF..%C0%AFpackage.json'],
      ] as const) {
        expect(await raw(method, path), `${method} ${path}`).toEqual({ status: 400, body: 'bad %-encoding in the address' });
      }
      // Good escapes still work.
      const ok = await raw('POST', '/api/app%2Estatus');
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { setUp: true } });
    } finally {
      await bridge.close();
      office.close();
    }
  });
});
