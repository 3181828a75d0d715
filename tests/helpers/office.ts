import { createApi, type Api } from '../../src-main/api/dispatch.ts';
import type { HandlerName, InputOf, OutputOf } from '../../src-main/api/contract.ts';
import { Session } from '../../src-main/api/session.ts';
import { openOfficeData } from '../../src-main/office/open.ts';
import type { OfficeData } from '../../src-main/office/service.ts';

export const AWC_CSV = [
  'code,name_mr,name_en,village,sector,worker_name,worker_mobile',
  '27271400001,मोलगी अंगणवाडी,Molgi AWC,Molgi,Sector 1,Sunita Valvi,9876543210',
  '27271400002,"धडगाव, गावठाण अंगणवाडी",Dhadgaon Gaothan AWC,Dhadgaon,Sector 2,,',
].join('\n');

export const ADMIN = { username: 'admin', fullName: 'Rekha Gavit', password: 'Pass1234', language: 'mr' as const };

export interface TestOffice {
  data: OfficeData;
  api: Api;
  session: Session;
  call<K extends HandlerName>(name: K, input: InputOf<K>): Promise<OutputOf<K>>;
  close(): void;
}

/** A real office in a real SQLite file, driven through the same handler map as the UI. */
export async function openTestOffice(dataDir: string, options: { setUp?: boolean; login?: boolean } = {}): Promise<TestOffice> {
  const data = openOfficeData(dataDir);
  const api = createApi(data, () => {});
  const session = new Session();
  const call = async <K extends HandlerName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> => {
    const reply = await api.call(session, name, input);
    if (!reply.ok) throw Object.assign(new Error(`${reply.problem.code}: ${reply.problem.text.en}`), { problem: reply.problem });
    return reply.value as OutputOf<K>;
  };
  if (options.setUp ?? true) {
    await call('office.setup', {
      officeCode: '2714',
      districtLgd: 486,
      blockName: 'Akkalkuwa',
      nameMr: 'अक्कलकुवा एकात्मिक बाल विकास प्रकल्प',
      nameEn: 'Akkalkuwa ICDS Project',
      awcCsv: AWC_CSV,
      admin: ADMIN,
    });
    if (options.login ?? true) await call('session.login', { username: ADMIN.username, password: ADMIN.password });
  }
  return { data, api, session, call, close: () => data.store.close() };
}

/**
 * Adds a login as the administrator would, then signs it in on its own session and replaces the
 * administrator-set password, as the app requires at a first log-in. Returns that session.
 */
export async function addSignedInOperator(
  office: TestOffice,
  operator: { username: string; fullName: string; role: 'operator' | 'supervisor' | 'admin'; password: string },
): Promise<Session> {
  const given = `${operator.password}Given1`;
  await office.call('operators.add', { ...operator, password: given });
  const session = new Session();
  for (const [name, input] of [
    ['session.login', { username: operator.username, password: given }],
    ['session.changePassword', { currentPassword: given, newPassword: operator.password }],
  ] as const) {
    const reply = await office.api.call(session, name, input);
    if (!reply.ok) throw new Error(`${name}: ${reply.problem.code}`);
  }
  return session;
}
