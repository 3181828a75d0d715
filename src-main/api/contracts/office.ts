import { z } from 'zod';
import type { BilingualText } from '../../common/problem.ts';
import type { AwcSummary, BackupInfo, OfficeInfo, OfficeKeyStatus, OperatorSummary, SessionOperator } from '../../office/types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';

export const nothing = z.object({}).strict();
const language = z.enum(['mr', 'en']);
const role = z.enum(['operator', 'supervisor', 'admin']);
const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/i, 'username: 3–32 letters, digits, dot, dash or underscore, starting with a letter');
const password = z.string().min(1).max(200);
const personName = z.string().trim().min(2).max(120);
const backupName = z.string().regex(/^[\w.-]+\.sqlite$/, 'a backup file name from the list');

export interface AppStatus {
  version: string;
  setUp: boolean;
  office: OfficeInfo | null;
  operator: SessionOperator | null;
  locked: boolean;
  idleLockMinutes: number;
}

export interface DistrictOption {
  lgd: number;
  name: BilingualText;
  formerNames: string[];
}

export interface AwcCsvPreview {
  rows: number;
  errors: { line: number; column: string; message: BilingualText }[];
  sample: AwcSummary[];
}

export const officeContract = {
  'app.status': endpoint<AppStatus>()('public', nothing),
  'office.districts': endpoint<DistrictOption[]>()('public', nothing),
  'office.previewAwcCsv': endpoint<AwcCsvPreview>()('public', z.object({ csv: z.string().max(5_000_000) })),
  'office.setup': endpoint<OfficeInfo>()(
    'public',
    z.object({
      officeCode: z.string().regex(/^(?!0000)\d{4}$/, 'office code: 4 digits issued by the state'),
      districtLgd: z.number().int().positive(),
      blockName: z.string().trim().min(2).max(80),
      nameMr: z.string().trim().min(2).max(120).regex(/[\u0900-\u097F]/, 'Marathi name in Devanagari'),
      nameEn: z.string().trim().min(2).max(120),
      series: z.number().int().min(1).max(999).default(1),
      awcCsv: z.string().max(5_000_000).nullable(),
      demo: z.boolean().default(false),
      admin: z.object({ username, fullName: personName, password, language }),
    }),
  ),
  'session.login': endpoint<SessionOperator>()('public', z.object({ username: z.string().trim().min(1), password })),
  'session.logout': endpoint<null>()('public', nothing),
  'session.lock': endpoint<null>()('operator', nothing),
  'session.unlock': endpoint<SessionOperator>()('public', z.object({ password })),
  'session.changePassword': endpoint<null>()('operator', z.object({ currentPassword: password, newPassword: password })),
  'session.setLanguage': endpoint<null>()('operator', z.object({ language })),
  'operators.list': endpoint<OperatorSummary[]>()('admin', nothing),
  'operators.add': endpoint<OperatorSummary>()(
    'admin',
    z.object({ username, fullName: personName, role, password, language: language.default('mr') }),
  ),
  'operators.resetPassword': endpoint<null>()('admin', z.object({ operatorId: z.string().uuid(), password })),
  'operators.setActive': endpoint<null>()(
    'admin',
    z.object({ operatorId: z.string().uuid(), active: z.boolean(), reason: z.string().trim().min(3).max(300) }),
  ),
  'office.seed': endpoint<{ households: number; beneficiaries: number }>()(
    'admin',
    z.object({ households: z.number().int().min(1).max(250_000), seed: z.number().int().optional() }),
  ),
  'awc.list': endpoint<AwcSummary[]>()('operator', nothing),
  'awc.importCsv': endpoint<{ added: number; updated: number }>()('admin', z.object({ csv: z.string().max(5_000_000) })),
  'office.backup': endpoint<BackupInfo>()('admin', nothing),
  'office.backups': endpoint<BackupInfo[]>()('admin', nothing),
  'office.restore': endpoint<{ series: number; sha256: string }>()('admin', z.object({ name: backupName, confirm: z.literal(true) })),
  'office.rewriteBackup': endpoint<BackupInfo>()('admin', z.object({ name: backupName, confirm: z.literal(true) })),
  'office.deleteBackup': endpoint<null>()('admin', z.object({ name: backupName, confirm: z.literal(true) })),
  'office.key': endpoint<OfficeKeyStatus>()('admin', nothing),
  'settings.setIdleLock': endpoint<null>()('admin', z.object({ minutes: z.number().int().min(1).max(120) })),
} satisfies Record<string, Endpoint>;

