import type { Endpoint } from '../endpoint.ts';

export const nutritionContract = {} satisfies Record<string, Endpoint>;
