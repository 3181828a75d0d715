import { toDevanagariName, toLatinName } from '../../identity/index.ts';
import * as registry from '../../registry/index.ts';
import type { registryContract } from '../contracts/registry.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

export const registryHandlers: HandlersOf<typeof registryContract> = {
  'registry.checkDuplicates': (input, { data }) => registry.checkHouseholdDuplicates(data, input),
  'registry.saveHousehold': (input, context) => registry.saveHousehold(context.data, actorOf(context), input),
  'registry.search': (input, { data }) => registry.searchBeneficiaries(data, input),
  'registry.household': ({ id }, { data }) => registry.householdProfile(data, id),
  'registry.beneficiary': ({ id }, { data }) => registry.beneficiaryProfile(data, id),
  'registry.updateHousehold': ({ id, changes, reason }, context) => {
    registry.updateHousehold(context.data, actorOf(context), id, changes, reason);
    return null;
  },
  'registry.updateBeneficiary': ({ id, changes, reason }, context) => {
    registry.updateBeneficiary(context.data, actorOf(context), id, changes, reason);
    return null;
  },
  'registry.deactivateBeneficiary': ({ id, reason, note }, context) => {
    registry.deactivateBeneficiary(context.data, actorOf(context), id, reason, note);
    return null;
  },
  'registry.addMeasurement': (input, context) => {
    registry.addMeasurement(context.data, actorOf(context), input);
    return null;
  },
  'registry.voidMeasurement': ({ id, reason }, context) => {
    registry.voidMeasurement(context.data, actorOf(context), id, reason);
    return null;
  },
  'registry.transliterate': ({ text, to }) => ({ text: to === 'latin' ? toLatinName(text) : toDevanagariName(text) }),
  'registry.stateKeys': (_input, { data }) => registry.stateKeyStatus(data),
  'registry.importStateKeys': ({ file }, context) => registry.importStateKeys(context.data, actorOf(context), file),
};
