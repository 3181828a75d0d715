import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';

/** The screen resizes photos to card size before sending them; anything larger is not a card photo. */
export const MAX_PHOTO_BYTES = 256 * 1024;

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function setPhoto(data: OfficeData, actor: Actor, beneficiaryId: string, jpeg: Buffer): void {
  const { store } = data;
  if (!store.first(store.db.selectFrom('beneficiary').select('id').where('id', '=', beneficiaryId))) {
    throw new Problem('not-found', { en: 'No such record.', mr: 'अशी नोंद नाही.' });
  }
  if (!isJpeg(jpeg)) {
    const text = { en: 'The photo must be a JPEG image.', mr: 'फोटो JPEG प्रतिमा असावा.' };
    throw new Problem('invalid-photo', text, [{ field: 'photo', message: text }]);
  }
  if (jpeg.length > MAX_PHOTO_BYTES) {
    const text = { en: 'The photo is too large (at most 256 KB); take it again.', mr: 'फोटो खूप मोठा आहे (कमाल 256 KB); पुन्हा काढा.' };
    throw new Problem('invalid-photo', text, [{ field: 'photo', message: text }]);
  }
  const takenAt = new Date().toISOString();
  data.writer.write(actor, (batch) => {
    const existing = store.first(store.db.selectFrom('beneficiary_photo').select('beneficiary_id').where('beneficiary_id', '=', beneficiaryId));
    if (existing) batch.update('beneficiary_photo', beneficiaryId, { jpeg, taken_at: takenAt }, 'photo retaken');
    else batch.insert('beneficiary_photo', { beneficiary_id: beneficiaryId, jpeg, taken_at: takenAt });
  });
}

export function readPhoto({ store }: OfficeData, beneficiaryId: string): Buffer | null {
  const jpeg = store.first(store.db.selectFrom('beneficiary_photo').select('jpeg').where('beneficiary_id', '=', beneficiaryId))?.jpeg;
  return jpeg ? Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength) : null;
}
