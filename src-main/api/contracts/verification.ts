/** Double-entry verification of keyed paper forms (a second operator re-keys blind; a supervisor resolves). */
import { z } from 'zod';
import type { KeyingErrorRate, Mismatch, VerificationItem } from '../../registry/verification-types.ts';
import { endpoint, type Endpoint } from '../endpoint.ts';
import { householdInput } from './registry.ts';

export const verificationContract = {
  'verification.status': endpoint<{ enabled: boolean }>()('operator', z.object({}).strict()),
  'verification.setEnabled': endpoint<null>()('supervisor', z.object({ enabled: z.boolean() })),
  'verification.queue': endpoint<VerificationItem[]>()('operator', z.object({}).strict()),
  'verification.submit': endpoint<{ mismatches: Mismatch[]; verified: boolean }>()(
    'operator',
    z.object({ householdId: z.string().min(1), form: householdInput }),
  ),
  'verification.resolve': endpoint<{ corrected: string[]; correctByHand: string[] }>()(
    'supervisor',
    z.object({
      householdId: z.string().min(1),
      choices: z.array(z.object({ field: z.string().min(1), correct: z.enum(['first', 'second']) })),
    }),
  ),
  'verification.errorRates': endpoint<KeyingErrorRate[]>()('supervisor', z.object({}).strict()),
} satisfies Record<string, Endpoint>;
