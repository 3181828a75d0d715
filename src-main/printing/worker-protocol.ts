import type { CardLayout, CardView } from '../cards/index.ts';

/** Main → worker: a new job (the worker runs one at a time), then its cards in print order; `last` ends it. */
export type ToWorker =
  | { type: 'start'; jobId: string; path: string; layout: CardLayout; total: number }
  | { type: 'cards'; jobId: string; views: CardView[]; last: boolean };

/**
 * Worker → main. `need` asks for the next chunk (the main thread owns the database); `failed` carries only the
 * error's class and message from the renderer, which name the rule broken, not the person.
 */
export type FromWorker =
  | { type: 'need'; jobId: string }
  | { type: 'progress'; jobId: string; done: number; total: number }
  | { type: 'done'; jobId: string }
  | { type: 'failed'; jobId: string; name: string; message: string };
