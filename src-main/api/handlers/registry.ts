import { toDevanagariName, toLatinName } from '../../identity/index.ts';
import * as drafts from '../../drafts/index.ts';
import * as registry from '../../registry/index.ts';
import type { registryContract } from '../contracts/registry.ts';
import { actorOf, signedIn, type HandlersOf } from '../handler-types.ts';

export const registryHandlers: HandlersOf<typeof registryContract> = {
  'registry.checkDuplicates': (input, { data }) => registry.checkHouseholdDuplicates(data, input),
  'registry.saveHousehold': ({ draftId, ...input }, context) =>
    context.data.store.transaction(() => {
      const saved = registry.saveHousehold(context.data, actorOf(context), input);
      if (draftId) drafts.removeDraftOnSave(context.data.store, signedIn(context).id, draftId);
      return saved;
    }),
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
    const id = registry.addMeasurement(context.data, actorOf(context), input);
    // Judged against the child's earlier readings, so the operator can re-measure while the child is there.
    const saved = registry.beneficiaryProfile(context.data, input.beneficiaryId).measurements.find((m) => m.id === id);
    return { id, qualityNotes: saved?.qualityNotes ?? [] };
  },
  'registry.voidMeasurement': ({ id, reason }, context) => {
    registry.voidMeasurement(context.data, actorOf(context), id, reason);
    return null;
  },
  'registry.transliterate': ({ text, to }) => ({ text: to === 'latin' ? toLatinName(text) : toDevanagariName(text) }),
  'registry.dataQuality': ({ sinceDays }, { data }) => registry.awcDataQuality(data, sinceDays),
  'registry.setPhoto': ({ beneficiaryId, jpegBase64 }, context) => {
    registry.setPhoto(context.data, actorOf(context), beneficiaryId, Buffer.from(jpegBase64, 'base64'));
    return null;
  },
  'registry.photo': ({ beneficiaryId }, { data }) => ({ jpegBase64: registry.readPhoto(data, beneficiaryId)?.toString('base64') ?? null }),
  'registry.checkMemberDuplicates': (input, { data }) => registry.checkMemberDuplicates(data, input),
  'registry.addMember': (input, context) => registry.addMember(context.data, actorOf(context), input),
  'registry.recordExit': ({ beneficiaryId, reason, date, note }, context) => {
    registry.recordExit(context.data, actorOf(context), beneficiaryId, reason, date, note);
    return null;
  },
  'registry.undoExit': ({ beneficiaryId, reason }, context) => {
    registry.undoExit(context.data, actorOf(context), beneficiaryId, reason);
    return null;
  },
  'registry.setRchId': ({ beneficiaryId, rchId, reason }, context) => {
    registry.setRchId(context.data, actorOf(context), beneficiaryId, rchId, reason);
    return null;
  },
  'registry.setAadhaar': (input, context) => registry.setAadhaar(context.data, actorOf(context), input),
  'registry.stateKeys': (_input, { data }) => registry.stateKeyStatus(data),
  'registry.previewStateKeys': ({ file }) => registry.previewStateKeys(file),
  'registry.importStateKeys': ({ file }, context) => registry.importStateKeys(context.data, actorOf(context), file),
};
