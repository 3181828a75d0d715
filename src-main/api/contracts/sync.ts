import { z } from 'zod';
import type { CorrectionView, ExportSummary, ImportResult, SyncStatus } from '../../exchange/types.ts';
import type { SendNowResult } from '../../exchange/online.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';
import { nothing } from './office.ts';

export type { SendNowResult } from '../../exchange/online.ts';
export type { CorrectionView, ExportSummary, ImportResult, SyncStatus } from '../../exchange/types.ts';

export interface EnrolRequestSummary {
  name: string;
  text: string;
  fingerprint: string;
}

const peer = z.string().regex(/^(hub|\d{4})$/, 'hub or an office code').default('hub');
// 10 MB bundles as base64, up to the most parts a split bundle may have.
const bundleFile = z.string().min(1).max(14_000_000);
const bundleFiles = z.object({ files: z.array(bundleFile).min(1).max(10_000) }).strict();

export const syncContract = {
  'sync.status': endpoint<SyncStatus>()('supervisor', nothing),
  'sync.export': endpoint<ExportSummary>()('supervisor', z.object({ peer }).strict()),
  'sync.import': endpoint<ImportResult>()('supervisor', bundleFiles),
  // What importing would do (computed, then rolled back): shown for the operator to confirm.
  'sync.preview': endpoint<ImportResult>()('supervisor', bundleFiles),
  'sync.enrolRequest': endpoint<EnrolRequestSummary>()('admin', nothing),
  'sync.hubAddress': endpoint<{ address: string | null }>()('supervisor', nothing),
  'sync.setHubAddress': endpoint<{ address: string | null }>()('admin', z.object({ address: z.string().max(300) }).strict()),
  // Online exchange with the hub (needs its address); a file export does the same offline.
  'sync.sendNow': endpoint<SendNowResult>()('supervisor', nothing),
  'sync.corrections': endpoint<CorrectionView[]>()('supervisor', nothing),
  'sync.decideCorrection': endpoint<CorrectionView[]>()(
    'supervisor',
    z.object({ id: z.number().int().positive(), decision: z.enum(['accept', 'reject']) }).strict(),
  ),
} satisfies Record<string, Endpoint>;
