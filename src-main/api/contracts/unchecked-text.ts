/**
 * The only strings of API input that the dispatcher does not search for Aadhaar-like numbers. Every other
 * string any handler receives is treated as free text and refused if it holds one (DESIGN.md §3), so a new
 * field is protected without anyone remembering to. Paths are dotted; `*` stands for any array index.
 * A path that no longer exists in its schema fails tests/unit/api/aadhaar-elsewhere.test.ts.
 */
import type { HandlerName } from '../contract.ts';

export type UncheckedReason =
  /** The Aadhaar field itself: validated, then kept only as last 4 digits, bucket and sealed number. */
  | 'aadhaar'
  /** Hashed with scrypt and never stored, shown or logged; refusing one would lock its owner out. */
  | 'password'
  /** A file with its own validator that reports per line and cell (the AWC list, the state key file). */
  | 'own-check'
  /** Read, never stored: a search box (an MTS ID being typed passes through 12 digits) or a batch
   *  classification whose CSV goes back to the user who sent it. */
  | 'not-stored'
  /** Binary data as base64, where digit runs mean nothing. */
  | 'binary'
  /** A backup file name the app made itself (office code and date), chosen from a list. */
  | 'file-name';

const AADHAAR_FIELDS = { aadhaar: 'aadhaar', 'members.*.aadhaar': 'aadhaar' } as const;

export const UNCHECKED_TEXT: { readonly [K in HandlerName]?: Readonly<Record<string, UncheckedReason>> } = {
  'office.previewAwcCsv': { csv: 'own-check' },
  'sync.import': { 'files.*': 'binary' },
  'sync.preview': { 'files.*': 'binary' },
  'office.setup': { awcCsv: 'own-check', 'admin.password': 'password' },
  'session.login': { password: 'password' },
  'session.unlock': { password: 'password' },
  'session.changePassword': { currentPassword: 'password', newPassword: 'password' },
  'operators.add': { password: 'password' },
  'operators.resetPassword': { password: 'password' },
  'awc.importCsv': { csv: 'own-check' },
  'office.restore': { name: 'file-name' },
  'office.rewriteBackup': { name: 'file-name' },
  'office.deleteBackup': { name: 'file-name' },
  'nutrition.classifyCsv': { csv: 'not-stored' },
  'registry.checkDuplicates': AADHAAR_FIELDS,
  'registry.saveHousehold': AADHAAR_FIELDS,
  'registry.search': { query: 'not-stored' },
  'registry.checkMemberDuplicates': { 'member.aadhaar': 'aadhaar' },
  'registry.addMember': { 'member.aadhaar': 'aadhaar' },
  'registry.setPhoto': { jpegBase64: 'binary' },
  'registry.importStateKeys': { file: 'own-check' },
  'registry.previewStateKeys': { file: 'own-check' },
  'registry.setAadhaar': { aadhaar: 'aadhaar' },
  'verification.submit': { 'form.aadhaar': 'aadhaar', 'form.members.*.aadhaar': 'aadhaar' },
};
