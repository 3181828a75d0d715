// Revoking an office: the office and every key it has are marked revoked. From then on its bundles are
// refused by name ('revoked-signer'), nothing is exported to it, and the revocation rides in every bundle
// the hub writes so that other installations refuse the key too.
import { Problem } from '../common/problem.ts';
import type { HubDatabase } from './store/index.ts';

export interface RevokeResult {
  officeCode: string;
  /** Keys revoked now (empty when the office was already revoked). */
  revokedKeys: string[];
  alreadyRevoked: boolean;
}

export async function revokeOffice(db: HubDatabase, officeCode: string, now = new Date()): Promise<RevokeResult> {
  return db.transaction().execute(async (tx) => {
    const office = await tx.selectFrom('office').select(['code', 'status']).where('code', '=', officeCode).executeTakeFirst();
    if (!office) {
      throw new Problem('unknown-office', {
        en: `Office ${officeCode} is not enrolled with this hub; nothing was revoked.`,
        mr: `कार्यालय ${officeCode} या हबकडे नोंदलेले नाही; काहीही रद्द केले नाही.`,
      });
    }
    const keys = await tx
      .updateTable('office_key')
      .set({ revoked_at: now })
      .where('office_code', '=', officeCode)
      .where('revoked_at', 'is', null)
      .returning('key_id')
      .execute();
    const alreadyRevoked = office.status === 'revoked';
    if (!alreadyRevoked) await tx.updateTable('office').set({ status: 'revoked', revoked_at: now }).where('code', '=', officeCode).execute();
    return { officeCode, revokedKeys: keys.map((key) => key.key_id).sort(), alreadyRevoked: alreadyRevoked && keys.length === 0 };
  });
}
