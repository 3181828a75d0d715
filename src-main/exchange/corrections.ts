// Corrections (DESIGN §6 rule 3): identity fields of a household are written only by its owner office.
// An edit made elsewhere arrives as a proposal (store/received.ts records it); the owner's supervisor
// accepts it (the value is written again as this office's own change) or rejects it (this office's value
// is written again under a newer clock, so the proposing office's copy returns to it too).
import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import type { CorrectionView } from './types.ts';

/** Sealed numbers and buckets are never shown; the last 4 digits say which Aadhaar is meant. */
const HIDDEN = new Set(['aadhaar_bucket', 'aadhaar_sealed', 'head_aadhaar_bucket', 'head_aadhaar_sealed']);

function shown(field: string, value: unknown): string | null {
  if (HIDDEN.has(field)) return null;
  if (value === null || value === undefined) return null;
  return String(value);
}

export function listCorrections({ store }: OfficeData, status: CorrectionView['status'] = 'pending'): CorrectionView[] {
  const rows = store.all(store.db.selectFrom('correction').selectAll().where('status', '=', status).orderBy('household_id').orderBy('hlc').orderBy('field'));
  return rows
    .filter((row) => !HIDDEN.has(row.field))
    .map((row): CorrectionView => {
      const record =
        row.entity === 'household'
          ? store.first(store.db.selectFrom('household').selectAll().where('id', '=', row.entity_id))
          : store.first(store.db.selectFrom('beneficiary').selectAll().where('id', '=', row.entity_id));
      const current = record ? (record as Record<string, unknown>)[row.field] : null;
      const name =
        row.entity === 'household'
          ? { mr: String((record as { head_name_mr?: string } | undefined)?.head_name_mr ?? ''), en: String((record as { head_name_en?: string } | undefined)?.head_name_en ?? '') }
          : { mr: String((record as { name_mr?: string } | undefined)?.name_mr ?? ''), en: String((record as { name_en?: string } | undefined)?.name_en ?? '') };
      return {
        id: row.id,
        householdId: row.household_id,
        entity: row.entity,
        entityId: row.entity_id,
        name,
        field: row.field,
        current: shown(row.field, current),
        proposed: shown(row.field, row.proposed_value === null ? null : JSON.parse(row.proposed_value)),
        fromOffice: row.origin.split('-')[0]!,
        proposedAt: row.hlc,
        status: row.status,
      };
    });
}

/**
 * Accepts or rejects a proposal, together with the other fields the same change proposed (an Aadhaar
 * travels as last 4, bucket and sealed number: they are decided as one). One transaction, audited.
 */
export function decideCorrection(data: OfficeData, actor: Actor, id: number, decision: 'accept' | 'reject'): CorrectionView[] {
  const { store } = data;
  const chosen = store.first(store.db.selectFrom('correction').selectAll().where('id', '=', id));
  if (!chosen || chosen.status !== 'pending') {
    throw new Problem('correction-not-pending', {
      en: 'This correction is no longer waiting for a decision; reload the list.',
      mr: 'ही दुरुस्ती आता निर्णयाच्या प्रतीक्षेत नाही; यादी पुन्हा उघडा.',
    });
  }
  const group = store.all(
    store.db.selectFrom('correction').selectAll().where('origin', '=', chosen.origin).where('counter', '=', chosen.counter).where('status', '=', 'pending'),
  );
  data.writer.write(actor, (batch) => {
    const fields = group.map((row) => row.field);
    const reason = `correction from office ${chosen.origin.split('-')[0]} ${decision === 'accept' ? 'accepted' : 'rejected'}`;
    if (decision === 'accept') {
      const patch: Record<string, unknown> = {};
      for (const row of group) patch[row.field] = row.proposed_value === null ? null : JSON.parse(row.proposed_value);
      // Written as our own change (again, when it equals ours already), so every copy takes the decision.
      if (!batch.update(chosen.entity, chosen.entity_id, patch as never, reason)) batch.reassert(chosen.entity, chosen.entity_id, fields as never, reason);
    } else {
      batch.reassert(chosen.entity, chosen.entity_id, fields as never, reason);
    }
    store.run(
      store.db
        .updateTable('correction')
        .set({ status: decision === 'accept' ? 'accepted' : 'rejected', decided_at: new Date().toISOString(), decided_by: actor.operatorId })
        .where('id', 'in', group.map((row) => row.id)),
    );
  });
  return listCorrections(data);
}
