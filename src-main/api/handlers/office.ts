import { join } from 'node:path';
import { BACKUP_DIR, backupOffice, deleteBackup, listBackups, restoreOffice, rewriteOlderBackup } from '../../office/backup.ts';
import { officeKeyStatus } from '../../office/key-status.ts';
import * as office from '../../office/service.ts';
import { MAHARASHTRA_DISTRICTS } from '../../office/districts.ts';
import { parseAwcCsv } from '../../office/awc-csv.ts';
import { Problem } from '../../common/problem.ts';
import { seedDemoOffice, seedOffice } from '../../seed/index.ts';
import type { officeContract } from '../contracts/office.ts';
import { actorOf, signedIn, type HandlersOf } from '../handler-types.ts';
import { APP_VERSION } from '../version.ts';

export const officeHandlers: HandlersOf<typeof officeContract> = {
  'app.status': (_input, { data, session }) => {
    const info = office.readOffice(data);
    return {
      version: APP_VERSION,
      setUp: info !== null,
      office: info,
      // Shown on the lock screen too, so the operator sees whose session is waiting.
      operator: session.operatorId ? office.readSessionOperator(data, session.operatorId) : null,
      locked: session.locked,
      idleLockMinutes: office.readIdleLockMinutes(data),
    };
  },

  'office.districts': () => MAHARASHTRA_DISTRICTS.map((district) => ({ ...district, formerNames: [...district.formerNames] })),

  'office.previewAwcCsv': ({ csv }) => {
    const { rows, errors } = parseAwcCsv(csv);
    return {
      rows: rows.length,
      errors,
      sample: rows.slice(0, 5).map((row) => ({
        code: row.code,
        nameMr: row.name_mr,
        nameEn: row.name_en,
        village: row.village,
        sector: row.sector,
        workerName: row.worker_name,
        workerMobile: row.worker_mobile,
      })),
    };
  },

  'office.setup': async (input, { data, session }) => {
    const { demo, ...setup } = input;
    const info = demo
      ? await office.setUpOffice(data, { ...setup, awcCsv: null }, (batch, adminId, series) =>
          seedDemoOffice(data.store, batch, { officeCode: setup.officeCode, series, districtLgd: setup.districtLgd, households: 120, createdBy: adminId }),
        )
      : await office.setUpOffice(data, setup);
    // The administrator has just chosen the password on this screen: asking for it again proves nothing.
    session.signIn(office.administratorAfterSetup(data, setup.admin.username));
    return info;
  },

  'office.seed': ({ households, seed }, context) => {
    const info = office.readOffice(context.data)!;
    const seeded = context.data.writer.write(actorOf(context), (batch) =>
      seedOffice(context.data.store, batch, {
        officeCode: info.code,
        series: info.series,
        districtLgd: info.districtLgd,
        households,
        seed,
        createdBy: context.operator?.id ?? null,
      }),
    );
    return { households: seeded.households.length, beneficiaries: seeded.beneficiaries.length };
  },

  'session.login': async ({ username, password }, { data, session }) => {
    const operator = await office.logIn(data, username, password);
    session.signIn(operator.id);
    return operator;
  },

  'session.logout': (_input, { data, session }) => {
    if (session.operatorId) data.writer.auditOnly({ operatorId: session.operatorId }, 'session.logout');
    session.signOut();
    return null;
  },

  'session.lock': (_input, { session }) => {
    session.locked = true;
    return null;
  },

  'session.unlock': async ({ password }, { data, session }) => {
    if (!session.operatorId) throw new Problem('not-signed-in', { en: 'Please log in.', mr: 'कृपया लॉगिन करा.' });
    const operator = await office.checkPassword(data, session.operatorId, password);
    session.signIn(operator.id);
    return operator;
  },

  'session.changePassword': async ({ currentPassword, newPassword }, context) => {
    await office.changeOwnPassword(context.data, signedIn(context).id, currentPassword, newPassword);
    return null;
  },

  'session.setLanguage': ({ language }, context) => {
    office.setLanguage(context.data, signedIn(context).id, language);
    return null;
  },

  'operators.list': (_input, { data }) => office.listOperators(data),
  'operators.add': (input, context) => office.addOperator(context.data, actorOf(context), input),
  'operators.resetPassword': async ({ operatorId, password }, context) => {
    await office.resetPassword(context.data, actorOf(context), operatorId, password);
    return null;
  },
  'operators.setActive': ({ operatorId, active, reason }, context) => {
    office.setOperatorActive(context.data, actorOf(context), operatorId, active, reason);
    return null;
  },

  'awc.list': (_input, { data }) => office.listAwcs(data),
  'awc.importCsv': ({ csv }, context) => office.importAwcs(context.data, actorOf(context), csv),

  'office.backup': (_input, context) => backupOffice(context.data, actorOf(context)),
  'office.backups': (_input, { data }) => listBackups(data),
  'office.restore': ({ name }, context) => {
    const operator = signedIn(context);
    const result = restoreOffice(context.data, join(context.data.dataDir, BACKUP_DIR, name), { operatorId: operator.id, username: operator.username });
    // The restored database may not know this login (or its password); everyone logs in again.
    context.session.signOut();
    return result;
  },

  'office.rewriteBackup': ({ name }, context) => rewriteOlderBackup(context.data, name, actorOf(context)),
  'office.deleteBackup': ({ name }, context) => {
    deleteBackup(context.data, name, actorOf(context));
    return null;
  },
  'office.key': (_input, { data }) => officeKeyStatus(data),

  'settings.setIdleLock': ({ minutes }, context) => {
    office.setIdleLockMinutes(context.data, actorOf(context), minutes);
    return null;
  },
};
