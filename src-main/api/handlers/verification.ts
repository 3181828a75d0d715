import * as registry from '../../registry/index.ts';
import type { verificationContract } from '../contracts/verification.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

export const verificationHandlers: HandlersOf<typeof verificationContract> = {
  'verification.status': (_input, { data }) => ({ enabled: registry.doubleEntryEnabled(data) }),
  'verification.setEnabled': ({ enabled }, context) => {
    registry.setDoubleEntry(context.data, actorOf(context), enabled);
    return null;
  },
  'verification.queue': (_input, { data }) => registry.verificationQueue(data),
  'verification.submit': ({ householdId, form }, context) => registry.submitSecondEntry(context.data, actorOf(context), householdId, form),
  'verification.resolve': ({ householdId, choices }, context) => registry.resolveMismatches(context.data, actorOf(context), householdId, choices),
  'verification.errorRates': (_input, { data }) => registry.keyingErrorRates(data),
};
