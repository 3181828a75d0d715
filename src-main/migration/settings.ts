import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';

export const OVERDUE_DAYS_SETTING = 'migration.overdue_days';
export const DEFAULT_OVERDUE_DAYS = 15;

/** Days after departure with no arrival confirmed before a family appears on "Overdue to arrive". */
export function readOverdueDays({ store }: OfficeData): number {
  const row = store.first(store.db.selectFrom('setting').select('value').where('key', '=', OVERDUE_DAYS_SETTING));
  const days = row ? Number(row.value) : NaN;
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_OVERDUE_DAYS;
}

export function setOverdueDays(data: OfficeData, actor: Actor, days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > 180) {
    throw new Problem('invalid-input', { en: 'Overdue days must be a whole number from 1 to 180.', mr: 'उशिराचे दिवस 1 ते 180 मधील पूर्ण संख्या असावी.' }, [
      { field: 'days', message: { en: 'From 1 to 180.', mr: '1 ते 180.' } },
    ]);
  }
  data.writer.write(actor, (batch) => {
    const exists = data.store.first(data.store.db.selectFrom('setting').select('key').where('key', '=', OVERDUE_DAYS_SETTING));
    if (exists) batch.update('setting', OVERDUE_DAYS_SETTING, { value: String(days) });
    else batch.insert('setting', { key: OVERDUE_DAYS_SETTING, value: String(days) });
  });
}
