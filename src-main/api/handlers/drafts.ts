import * as drafts from '../../drafts/index.ts';
import type { draftsContract } from '../contracts/drafts.ts';
import { signedIn, type HandlersOf } from '../handler-types.ts';

export const draftsHandlers: HandlersOf<typeof draftsContract> = {
  'drafts.save': (input, context) => drafts.saveDraft(context.data.store, signedIn(context).id, input),
  'drafts.list': ({ kind }, context) => drafts.listDrafts(context.data.store, signedIn(context).id, kind),
  'drafts.open': ({ id }, context) => drafts.openDraft(context.data.store, signedIn(context).id, id),
  'drafts.discard': ({ id }, context) => {
    drafts.discardDraft(context.data.store, signedIn(context).id, id);
    return null;
  },
};
