import { decideCorrection, enrolRequest, hubAddress, sendNow, setHubAddress, exportChanges, exportFileNames, importBundle, listCorrections, officeIdentity, syncStatus } from '../../exchange/index.ts';
import type { syncContract } from '../contracts/sync.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

export const syncHandlers: HandlersOf<typeof syncContract> = {
  'sync.status': (_input, { data }) => syncStatus(data),

  'sync.export': async ({ peer }, { data }) => {
    const now = new Date();
    const bundle = await exportChanges(data, peer, { now });
    const names = exportFileNames(officeIdentity(data).office, bundle, peer, now);
    return {
      bundleId: bundle.bundleId,
      changes: bundle.changes,
      files: bundle.files.map((file, index) => ({ name: names[index]!, base64: Buffer.from(file).toString('base64') })),
    };
  },

  'sync.import': ({ files }, context) => importBundle(context.data, bytesOf(files), actorOf(context)),

  'sync.preview': ({ files }, context) => importBundle(context.data, bytesOf(files), actorOf(context), { dryRun: true }),

  'sync.enrolRequest': (_input, { data }) => enrolRequest(data),

  'sync.hubAddress': (_input, { data }) => ({ address: hubAddress(data) }),

  'sync.setHubAddress': ({ address }, context) => ({ address: setHubAddress(context.data, actorOf(context), address) }),

  'sync.sendNow': (_input, context) => sendNow(context.data, actorOf(context)),

  'sync.corrections': (_input, { data }) => listCorrections(data),

  'sync.decideCorrection': ({ id, decision }, context) => decideCorrection(context.data, actorOf(context), id, decision),
};

function bytesOf(files: readonly string[]): Uint8Array[] {
  return files.map((file) => new Uint8Array(Buffer.from(file, 'base64')));
}
