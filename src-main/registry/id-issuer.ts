import { formatMtsId } from '../identity/index.ts';
import { Problem } from '../common/problem.ts';
import type { Store } from '../store/database.ts';
import type { WriteBatch } from '../store/write.ts';

const MAX_SERIAL = 99_999_999;

/**
 * Hands out MTS IDs from this installation's series inside a write transaction. The series' next serial is
 * stored with the records it numbers, so a rolled-back save gives its serials back and a committed one
 * never reissues them; a restored backup opens a new series instead of reusing old serials.
 */
export class MtsIdIssuer {
  private nextSerial: number;
  private issued = 0;

  constructor(
    private readonly officeCode: string,
    private readonly series: number,
    store: Store,
  ) {
    const row = store.first(store.db.selectFrom('installation').select('next_serial').where('series', '=', series));
    if (!row) throw new Error(`installation series ${series} is not on record`);
    this.nextSerial = row.next_serial;
  }

  next(): string {
    if (this.nextSerial > MAX_SERIAL) {
      throw new Problem('series-exhausted', {
        en: 'This installation has issued all the IDs of its series. Ask the state IT cell for a new series.',
        mr: 'या स्थापनेने तिच्या मालिकेतील सर्व आयडी दिले आहेत. नवीन मालिकेसाठी राज्य आयटी कक्षाला विचारा.',
      });
    }
    this.issued += 1;
    return formatMtsId({ office: this.officeCode, series: this.series, serial: this.nextSerial++ });
  }

  /** Records the counter in the same transaction as the records that carry the IDs. */
  commit(batch: WriteBatch): void {
    if (this.issued === 0) return;
    batch.update('installation', this.series, { next_serial: this.nextSerial });
    this.issued = 0;
  }
}
