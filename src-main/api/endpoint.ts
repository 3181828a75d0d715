/**
 * How one entry of the API is declared: who may call it, its input schema, and (as a phantom type) what it
 * returns. Capability contracts under contracts/ use this; contract.ts joins them into the one map.
 */
import type { z } from 'zod';

export type Access = 'public' | 'operator' | 'supervisor' | 'admin';

export interface Endpoint<Input extends z.ZodType = z.ZodType, Output = unknown> {
  access: Access;
  input: Input;
  /** Phantom: carries the output type, never a value. */
  output: Output;
}

export function endpoint<Output>() {
  return <Input extends z.ZodType>(access: Access, input: Input): Endpoint<Input, Output> => ({
    access,
    input,
    output: undefined as Output,
  });
}
