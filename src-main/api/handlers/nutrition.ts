import type { nutritionContract } from '../contracts/nutrition.ts';
import type { HandlersOf } from '../handler-types.ts';

export const nutritionHandlers: HandlersOf<typeof nutritionContract> = {};
