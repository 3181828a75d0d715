import type { z } from 'zod';
import { Problem, type FieldProblem } from '../common/problem.ts';
import { AADHAAR_OUT_OF_PLACE, findAadhaarLikeNumber } from '../identity/index.ts';
import type { OfficeData } from '../office/service.ts';
import { readIdleLockMinutes, readSessionOperator } from '../office/service.ts';
import type { Role } from '../store/schema.ts';
import { contract, type Access, type HandlerName, type Reply } from './contract.ts';
import { UNCHECKED_TEXT } from './contracts/unchecked-text.ts';
import { handlers, type HandlerContext } from './handlers.ts';
import type { Session } from './session.ts';

/** All an operator may do with a password the administrator set, until they choose their own. */
const FIRST_LOGIN_CALLS = new Set<HandlerName>(['session.changePassword', 'session.lock', 'session.setLanguage']);

const RANK: Record<Role, number> = { operator: 1, supervisor: 2, admin: 3 };
const REQUIRED_RANK: Record<Exclude<Access, 'public'>, number> = RANK;

export interface Api {
  readonly names: readonly HandlerName[];
  call(session: Session, name: string, input: unknown): Promise<Reply<unknown>>;
}

/**
 * Validates, authorises and runs one call. Every transport (IPC, HTTP bridge, command line) goes through
 * here, so the rules are the same whichever way the call arrives.
 */
export function createApi(data: OfficeData, reportBug: (name: string, error: unknown) => void = defaultReport): Api {
  const names = Object.keys(contract) as HandlerName[];
  return {
    names,
    async call(session, name, rawInput) {
      try {
        if (!Object.hasOwn(contract, name)) {
          throw new Problem('unknown-call', { en: `Unknown action "${name}".`, mr: `अज्ञात क्रिया "${name}".` });
        }
        const key = name as HandlerName;
        const entry = contract[key];
        const context: HandlerContext = { data, session, operator: authorise(data, session, entry.access) };
        if (context.operator?.mustChangePassword && entry.access !== 'public' && !FIRST_LOGIN_CALLS.has(key)) {
          throw new Problem('password-change-required', {
            en: 'Choose your own password first: this one was set by the administrator.',
            mr: 'आधी स्वतःचा पासवर्ड निवडा: हा पासवर्ड प्रशासकाने दिलेला आहे.',
          });
        }
        const parsed = entry.input.safeParse(rawInput ?? {});
        if (!parsed.success) throw inputProblem(parsed.error);
        refuseAadhaarOutOfPlace(key, parsed.data);
        // Only what a signed-in operator does counts as activity: a page polling app.status, or anyone
        // trying passwords at the lock screen, must not keep an unattended session open.
        if (entry.access !== 'public') session.touch();
        const handler = handlers[key] as (input: unknown, context: HandlerContext) => unknown;
        return { ok: true, value: await handler(parsed.data, context) };
      } catch (error) {
        if (error instanceof Problem) {
          return { ok: false, problem: { code: error.code, text: error.text, fields: error.fields } };
        }
        reportBug(name, error);
        return {
          ok: false,
          problem: {
            code: 'internal-error',
            text: {
              en: 'Something went wrong; nothing was saved. The error has been written to the log.',
              mr: 'काहीतरी चूक झाली; काहीही जतन झाले नाही. त्रुटी लॉगमध्ये नोंदवली आहे.',
            },
            fields: [],
          },
        };
      }
    },
  };
}

function authorise(data: OfficeData, session: Session, access: Access) {
  const operator = session.operatorId ? readSessionOperator(data, session.operatorId) : null;
  if (session.operatorId && !operator) session.signOut();
  if (access === 'public') return session.locked ? null : operator;
  if (!operator) throw new Problem('not-signed-in', { en: 'Please log in.', mr: 'कृपया लॉगिन करा.' });
  session.lockIfIdle(readIdleLockMinutes(data));
  if (session.locked) {
    throw new Problem('locked', { en: 'The screen is locked. Enter your password.', mr: 'स्क्रीन लॉक आहे. तुमचा पासवर्ड टाका.' });
  }
  if (RANK[operator.role] < REQUIRED_RANK[access]) {
    throw new Problem('forbidden', {
      en: `Only a ${access} can do this.`,
      mr: access === 'admin' ? 'हे फक्त प्रशासक करू शकतो.' : 'हे फक्त पर्यवेक्षक करू शकतो.',
    });
  }
  return operator;
}

/**
 * An Aadhaar number belongs in the Aadhaar field only, where it is sealed; anywhere else it would be stored,
 * synced and printed in clear. Every string of the validated input is searched, except those listed in
 * contracts/unchecked-text.ts, and every field that holds one is named.
 */
function refuseAadhaarOutOfPlace(name: HandlerName, input: unknown): void {
  const unchecked = Object.keys(UNCHECKED_TEXT[name] ?? {}).map((path) => path.split('.'));
  const fields: FieldProblem[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (unchecked.some((pattern) => matchesPath(pattern, path))) return;
    if (typeof value === 'string') {
      if (IDENTIFIER.test(value)) return;
      if (findAadhaarLikeNumber(value)) fields.push({ field: path.join('.') || '(input)', message: AADHAAR_OUT_OF_PLACE });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, String(index)]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(input, []);
  if (fields.length === 0) return;
  const first = fields[0]!.field;
  throw new Problem(
    'aadhaar-out-of-place',
    { en: `Check the field "${first}": ${AADHAAR_OUT_OF_PLACE.en}`, mr: `"${first}" हे क्षेत्र तपासा: ${AADHAAR_OUT_OF_PLACE.mr}` },
    fields,
  );
}

/**
 * A record id the app minted (a random UUID) is not text anyone typed, and its hex groups are all digits
 * often enough (one id in a few thousand) to look like an Aadhaar number. Such a string can only name a
 * record that must already exist, so nothing typed can be smuggled in through it.
 */
const IDENTIFIER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function matchesPath(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((part, i) => part === path[i] || (part === '*' && /^\d+$/.test(path[i]!)));
}

function inputProblem(error: z.ZodError): Problem {
  const fields: FieldProblem[] = error.issues.map((issue) => ({
    field: issue.path.join('.') || '(input)',
    message: describeIssue(issue),
  }));
  const first = fields[0]!;
  return new Problem(
    'invalid-input',
    { en: `Check the field "${first.field}": ${first.message.en}`, mr: `"${first.field}" हे क्षेत्र तपासा: ${first.message.mr}` },
    fields,
  );
}

function describeIssue(issue: z.core.$ZodIssue): { en: string; mr: string } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { en: 'Required.', mr: 'आवश्यक.' } : { en: 'Wrong kind of value.', mr: 'चुकीच्या प्रकारची माहिती.' };
    case 'too_small':
      return Number(issue.minimum) <= 1 && issue.origin === 'string'
        ? { en: 'Required.', mr: 'आवश्यक.' }
        : { en: `Too small (at least ${String(issue.minimum)}).`, mr: `खूप कमी (किमान ${String(issue.minimum)}).` };
    case 'too_big':
      return { en: `Too large (at most ${String(issue.maximum)}).`, mr: `खूप जास्त (कमाल ${String(issue.maximum)}).` };
    case 'invalid_format':
      return { en: `Wrong format${issue.message ? ` — ${issue.message}` : ''}.`, mr: 'चुकीचा नमुना.' };
    case 'invalid_value':
      return { en: 'Choose one of the listed values.', mr: 'दिलेल्या पर्यायांपैकी एक निवडा.' };
    case 'unrecognized_keys':
      return { en: `Unexpected field(s): ${issue.keys.join(', ')}.`, mr: `अनपेक्षित क्षेत्र: ${issue.keys.join(', ')}.` };
    default:
      return { en: issue.message, mr: 'अवैध माहिती.' };
  }
}

function defaultReport(name: string, error: unknown): void {
  // Only the stack: messages from lower layers may echo input, and input may be personal data.
  const stack = error instanceof Error ? (error.stack ?? error.name).split('\n').slice(1).join('\n') : '';
  console.error(`[mts] ${name} failed: ${error instanceof Error ? error.name : typeof error}\n${stack}`);
}
