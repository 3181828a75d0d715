import { createHash } from 'node:crypto';
import { Problem, type BilingualText } from '../common/problem.ts';
import type { Store } from '../store/database.ts';

/**
 * Guessing passwords at the log-in or lock screen: after five wrong attempts on one login, every further
 * attempt waits 30 s, then 1, 2, 4, 8 and at most 15 minutes. Kept in the database (table login_throttle,
 * local to this PC), so closing and reopening the app does not reset the wait.
 */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;

/** How long the next attempt must wait once `failures` attempts in a row have failed. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_MS);
}

/** Log-in and unlock of one operator share a count: the lock screen is no way around the wait. */
export function throttleKeyOfOperator(operatorId: string): string {
  return `operator:${operatorId}`;
}

/**
 * A name that matches no login is counted the same way (so the wait does not reveal which names exist), but
 * stored only as a 16-bit bucket of its hash: a password typed into the name field by mistake is never kept.
 */
export function throttleKeyOfUnknownName(username: string): string {
  return `name:${createHash('sha256').update(username.normalize('NFC')).digest('hex').slice(0, 4)}`;
}

/**
 * Called before the password is checked. Refuses while a wait runs; otherwise counts the attempt as failed
 * at once, in one transaction, so parallel attempts cannot all slip through before the first is judged.
 * A correct password then clears the count (`attemptSucceeded`). Returns the end of the wait that a
 * failure of this attempt starts, if any, for the message.
 */
export function beginAttempt(store: Store, key: string, now: Date): Date | null {
  return store.transaction(() => {
    const row = store.first(store.db.selectFrom('login_throttle').selectAll().where('login_key', '=', key));
    if (row?.blocked_until && Date.parse(row.blocked_until) > now.getTime()) {
      throw new Problem('login-wait', waitText(new Date(row.blocked_until), now, null));
    }
    const failures = (row?.failures ?? 0) + 1;
    const wait = waitAfterFailures(failures);
    const blockedUntil = wait > 0 ? new Date(now.getTime() + wait) : null;
    const values = { failures, blocked_until: blockedUntil?.toISOString() ?? null };
    store.run(
      store.db
        .insertInto('login_throttle')
        .values({ login_key: key, ...values })
        .onConflict((conflict) => conflict.column('login_key').doUpdateSet(values)),
    );
    return blockedUntil;
  });
}

export function attemptSucceeded(store: Store, key: string): void {
  store.run(store.db.deleteFrom('login_throttle').where('login_key', '=', key));
}

/** The refusal: when to try again, in both languages; the same for every name, known or not. */
export function waitText(until: Date, now: Date, first: BilingualText | null): BilingualText {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  // The next whole minute, so "after 10:43" is never too early.
  const at = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const clock = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const minutes = Math.ceil(seconds / 60);
  const inEn = seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const inMr = seconds < 60 ? `${seconds} सेकंदांनी` : `${minutes} मिनिटांनी`;
  const en = `Too many wrong attempts. Try again in ${inEn} (after ${clock}).`;
  const mr = `खूप वेळा चुकीचा प्रयत्न झाला. ${inMr} (${clock} नंतर) पुन्हा प्रयत्न करा.`;
  return first ? { en: `${first.en} ${en}`, mr: `${first.mr} ${mr}` } : { en, mr };
}
