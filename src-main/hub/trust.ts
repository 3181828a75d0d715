// The office keys the hub trusts, from office_key: unrevoked keys sign bundles, revoked ones are refused
// by name. Also the revocations every hub bundle carries.
import { createPublicKey } from 'node:crypto';
import type { Revocation, TrustedKey } from '../sync/index.ts';
import type { HubDatabase } from './store/index.ts';

export async function officeTrust(db: HubDatabase): Promise<{ trustedKeys: Map<string, TrustedKey>; revoked: Set<string> }> {
  const rows = await db.selectFrom('office_key').select(['key_id', 'office_code', 'signing_public_key', 'revoked_at']).execute();
  const trustedKeys = new Map<string, TrustedKey>();
  const revoked = new Set<string>();
  for (const row of rows) {
    if (row.revoked_at !== null) revoked.add(row.key_id);
    else {
      trustedKeys.set(row.key_id, {
        office: row.office_code,
        publicKey: createPublicKey({ key: Buffer.from(row.signing_public_key, 'base64'), format: 'der', type: 'spki' }),
      });
    }
  }
  return { trustedKeys, revoked };
}

/** Every key the hub has revoked, oldest first: carried in every bundle the hub writes. */
export async function revocations(db: HubDatabase): Promise<Revocation[]> {
  const rows = await db
    .selectFrom('office_key')
    .select(['key_id', 'office_code', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .orderBy('revoked_at')
    .orderBy('key_id')
    .execute();
  return rows.map((row) => ({ keyId: row.key_id, office: row.office_code, revokedAt: new Date(row.revoked_at!).toISOString() }));
}
