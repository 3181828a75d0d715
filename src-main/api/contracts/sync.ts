import { z } from 'zod';
import type { ExportSummary, ImportResult, SyncStatus } from '../../exchange/types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';
import { nothing } from './office.ts';

export type { ExportSummary, ImportResult, SyncStatus } from '../../exchange/types.ts';

const peer = z.string().regex(/^(hub|\d{4})$/, 'hub or an office code').default('hub');
// 10 MB bundles as base64, up to the most parts a split bundle may have.
const bundleFile = z.string().min(1).max(14_000_000);

export const syncContract = {
  'sync.status': endpoint<SyncStatus>()('supervisor', nothing),
  'sync.export': endpoint<ExportSummary>()('supervisor', z.object({ peer }).strict()),
  'sync.import': endpoint<ImportResult>()('supervisor', z.object({ files: z.array(bundleFile).min(1).max(10_000) }).strict()),
} satisfies Record<string, Endpoint>;
