/**
 * Services given: doses and ICDS services recorded per person (append-only, voidable), and what is due.
 * `service` is a code as the MCP card prints it (`BCG`, `Penta-1`, `Td-B`) or THR, HCM, ANC, IFA, CALCIUM,
 * DEWORMING, VITA, CHECKUP, REFERRAL; the handler names an unknown one in both languages.
 */
import { z } from 'zod';
import type { DueItem, DueList, ServiceHistory, ServiceRecord } from '../../services/types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
const source = z.enum(['given', 'mcp-card', 'reported']);
const id = z.string().min(1).max(64);

export const serviceInput = z
  .object({
    beneficiaryId: id,
    service: z.string().trim().min(1).max(16),
    date: isoDate,
    source,
    place: z.enum(['office', 'awc', 'elsewhere']).nullable().optional(),
    awcCode: z.string().trim().min(1).max(20).nullable().optional(),
    quantity: z.number().finite().nullable().optional(),
    forMonth: z.string().trim().max(7).nullable().optional(),
    detail: z.string().trim().max(200).nullable().optional(),
    note: z.string().trim().max(300).nullable().optional(),
  })
  .strict();

export const servicesContract = {
  'services.record': endpoint<ServiceRecord>()('operator', serviceInput),
  'services.recordMany': endpoint<{ ids: string[]; records: ServiceRecord[] }>()(
    'operator',
    z
      .object({
        beneficiaryId: id,
        doses: z.array(z.object({ service: z.string().trim().min(1).max(16), date: isoDate }).strict()).min(1).max(60),
        source,
        place: z.enum(['office', 'awc', 'elsewhere']).nullable().optional(),
        awcCode: z.string().trim().min(1).max(20).nullable().optional(),
      })
      .strict(),
  ),
  'services.void': endpoint<null>()('operator', z.object({ id, reason: z.string().trim().min(3).max(300) }).strict()),
  'services.history': endpoint<ServiceHistory>()('operator', z.object({ beneficiaryId: id }).strict()),
  'services.due': endpoint<{ on: string; due: DueItem[] }>()(
    'operator',
    z.object({ beneficiaryId: id, on: isoDate.optional(), all: z.boolean().optional() }).strict(),
  ),
  'services.dueList': endpoint<DueList>()(
    'operator',
    z
      .object({
        awcCode: z.string().trim().min(1).max(20).nullable().optional(),
        householdId: id.nullable().optional(),
        on: isoDate.optional(),
        dosesOnly: z.boolean().optional(),
        csv: z.boolean().optional(),
      })
      .strict(),
  ),
  'services.jeDistricts': endpoint<{ districts: number[] }>()('operator', z.object({}).strict()),
  'services.setJeDistricts': endpoint<{ districts: number[] }>()(
    'admin',
    z.object({ districts: z.array(z.number().int().positive()).max(100) }).strict(),
  ),
} satisfies Record<string, Endpoint>;
