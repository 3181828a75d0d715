// An Aadhaar number brought after registration (the family had no card with them on the day). Same
// protection as at registration: validated, then only the last 4, the keyed bucket and the sealed number
// are written, through the one write path, so the change is audited and replicates without the number.
import { Problem, type BilingualText, type FieldProblem } from '../common/problem.ts';
import { maskAadhaar, protectAadhaar, validateAadhaar } from '../identity/index.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { requireStateKeys } from './state-keys.ts';

export interface SetAadhaarInput {
  /** A beneficiary's own Aadhaar, or the household head's (the one on the household record). */
  target: 'beneficiary' | 'household';
  id: string;
  aadhaar: string;
  /** Needed when a number is already on record: replacing one is a correction. */
  reason: string;
  /** Needed when the same last 4 and bucket are already on another record: why it is saved anyway. */
  duplicateReason: string;
}

const NOT_FOUND: BilingualText = { en: 'No such record.', mr: 'अशी नोंद नाही.' };

function fieldProblem(code: string, field: string, message: BilingualText): Problem {
  return new Problem(code, message, [{ field, message }]);
}

interface Current {
  last4: string | null;
}

function currentOf(data: OfficeData, input: SetAadhaarInput): Current {
  const { store } = data;
  const row =
    input.target === 'beneficiary'
      ? store.first(store.db.selectFrom('beneficiary').select(['aadhaar_last4 as last4']).where('id', '=', input.id))
      : store.first(store.db.selectFrom('household').select(['head_aadhaar_last4 as last4']).where('id', '=', input.id));
  if (!row) throw new Problem('not-found', NOT_FOUND);
  return row;
}

/** Other records holding the same last 4 and bucket: probably the same number (identity/duplicates.ts). */
function sameNumberElsewhere(data: OfficeData, input: SetAadhaarInput, last4: string, bucket: string): FieldProblem[] {
  const { store } = data;
  const people = store.all(
    store.db
      .selectFrom('beneficiary')
      .select(['id', 'mts_id', 'name_mr', 'name_en'])
      .where('aadhaar_last4', '=', last4)
      .where('aadhaar_bucket', '=', bucket)
      .where('status', '=', 'active'),
  );
  const heads = store.all(
    store.db
      .selectFrom('household')
      .select(['id', 'head_name_mr', 'head_name_en'])
      .where('head_aadhaar_last4', '=', last4)
      .where('head_aadhaar_bucket', '=', bucket)
      .where('status', '=', 'active'),
  );
  const problems: FieldProblem[] = [];
  for (const person of people) {
    if (input.target === 'beneficiary' && person.id === input.id) continue;
    problems.push({
      field: 'aadhaar',
      message: {
        en: `Probably the same Aadhaar as ${person.name_en} (MTS ID ${person.mts_id}): same last 4 digits and bucket.`,
        mr: `बहुधा ${person.name_mr} (MTS आयडी ${person.mts_id}) यांचाच आधार: शेवटचे ४ अंक व गट समान.`,
      },
    });
  }
  for (const head of heads) {
    if (input.target === 'household' && head.id === input.id) continue;
    problems.push({
      field: 'aadhaar',
      message: {
        en: `Probably the same Aadhaar as the household head ${head.head_name_en}: same last 4 digits and bucket.`,
        mr: `बहुधा कुटुंबप्रमुख ${head.head_name_mr} यांचाच आधार: शेवटचे ४ अंक व गट समान.`,
      },
    });
  }
  return problems;
}

/** Records (or, with a reason, replaces) an Aadhaar; returns the mask to show. Refuses without writing. */
export function setAadhaar(data: OfficeData, actor: Actor, input: SetAadhaarInput): { aadhaarMasked: string } {
  const checked = validateAadhaar(input.aadhaar);
  if (!checked.ok) throw fieldProblem('invalid-input', 'aadhaar', checked.message);
  const current = currentOf(data, input);
  const replacing = current.last4 !== null;
  if (replacing && input.reason.trim().length < 3) {
    throw fieldProblem('invalid-input', 'reason', {
      en: 'An Aadhaar is already on record: give the reason for replacing it.',
      mr: 'आधार आधीच नोंदलेला आहे: तो बदलण्याचे कारण लिहा.',
    });
  }
  const keys = requireStateKeys(data, 'aadhaar');
  const sealed = protectAadhaar(input.aadhaar, { dedupKey: keys.dedupKey, sealPublicKey: keys.sealPublicKey });
  const duplicates = sameNumberElsewhere(data, input, sealed.last4, sealed.bucket);
  if (duplicates.length > 0 && input.duplicateReason.trim().length < 3) {
    throw new Problem(
      'possible-duplicates',
      {
        en: 'This Aadhaar may already be on another record. Check it, or give a reason to save it anyway.',
        mr: 'हा आधार दुसऱ्या नोंदीवर आधीच असू शकतो. तपासा, किंवा तरीही जतन करण्याचे कारण लिहा.',
      },
      duplicates,
    );
  }
  const reason = input.reason.trim() || (replacing ? '' : 'Aadhaar added after registration');
  data.writer.write(actor, (batch) => {
    if (input.target === 'beneficiary') {
      batch.update('beneficiary', input.id, { aadhaar_last4: sealed.last4, aadhaar_bucket: sealed.bucket, aadhaar_sealed: sealed.sealed }, reason);
    } else {
      batch.update('household', input.id, { head_aadhaar_last4: sealed.last4, head_aadhaar_bucket: sealed.bucket, head_aadhaar_sealed: sealed.sealed }, reason);
    }
    if (duplicates.length > 0) {
      batch.audit('duplicate.override', { entity: input.target, entityId: input.id, reason: input.duplicateReason.trim(), after: { sameAadhaarBucket: duplicates.length } });
    }
  });
  return { aadhaarMasked: maskAadhaar(sealed.last4) };
}
