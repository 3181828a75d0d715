/**
 * The one API between the UI and the backend: every name, its input schema, who may call it, and the
 * type it returns. Electron's IPC, the loopback HTTP bridge and the command line all serve this map;
 * the renderer imports it for types only. Nothing here may import Node code.
 */
import type { z } from 'zod';
import type { BilingualText, FieldProblem } from '../common/problem.ts';
import { draftsContract } from './contracts/drafts.ts';
import { migrationContract } from './contracts/migration.ts';
import { nutritionContract } from './contracts/nutrition.ts';
import { officeContract } from './contracts/office.ts';
import { printingContract } from './contracts/printing.ts';
import { registryContract } from './contracts/registry.ts';
import { reportsContract } from './contracts/reports.ts';
import { servicesContract } from './contracts/services.ts';
import { syncContract } from './contracts/sync.ts';
import { verificationContract } from './contracts/verification.ts';
import type { Endpoint } from './endpoint.ts';

export type { Access, Endpoint } from './endpoint.ts';
export type { AppStatus, AwcCsvPreview, DistrictOption } from './contracts/office.ts';

export const contract = {
  ...officeContract,
  ...nutritionContract,
  ...registryContract,
  ...verificationContract,
  ...printingContract,
  ...syncContract,
  ...servicesContract,
  ...migrationContract,
  ...draftsContract,
  ...reportsContract,
} satisfies Record<string, Endpoint>;

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
export type InputOf<K extends HandlerName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends HandlerName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends HandlerName> = Contract[K]['output'];

/** What crosses the wire for every call, over IPC and HTTP alike. */
export type Reply<T> = { ok: true; value: T } | { ok: false; problem: { code: string; text: BilingualText; fields: FieldProblem[] } };
