import type { z } from 'zod';
import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { SessionOperator } from '../office/types.ts';
import type { Actor } from '../store/write.ts';
import type { Endpoint } from './endpoint.ts';
import type { Session } from './session.ts';

export interface HandlerContext {
  data: OfficeData;
  session: Session;
  /** The signed-in operator; handlers whose access is not 'public' always have one. */
  operator: SessionOperator | null;
}

/** The implementations of one capability's contract: one function per name, typed by its schema. */
export type HandlersOf<C extends Record<string, Endpoint>> = {
  [K in keyof C]: (input: z.output<C[K]['input']>, context: HandlerContext) => C[K]['output'] | Promise<C[K]['output']>;
};

export function actorOf(context: HandlerContext): Actor {
  return { operatorId: context.operator?.id ?? null };
}

export function signedIn(context: HandlerContext): SessionOperator {
  if (!context.operator) throw new Problem('not-signed-in', { en: 'Please log in.', mr: 'कृपया लॉगिन करा.' });
  return context.operator;
}
