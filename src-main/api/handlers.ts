import type { Contract } from './contract.ts';
import type { HandlersOf } from './handler-types.ts';
import { draftsHandlers } from './handlers/drafts.ts';
import { migrationHandlers } from './handlers/migration.ts';
import { nutritionHandlers } from './handlers/nutrition.ts';
import { officeHandlers } from './handlers/office.ts';
import { printingHandlers } from './handlers/printing.ts';
import { registryHandlers } from './handlers/registry.ts';
import { reportsHandlers } from './handlers/reports.ts';
import { servicesHandlers } from './handlers/services.ts';
import { syncHandlers } from './handlers/sync.ts';
import { verificationHandlers } from './handlers/verification.ts';

export type { HandlerContext } from './handler-types.ts';

/** Every name in the contract has exactly one implementation; the type makes a missing one an error. */
export const handlers: HandlersOf<Contract> = {
  ...officeHandlers,
  ...nutritionHandlers,
  ...registryHandlers,
  ...verificationHandlers,
  ...printingHandlers,
  ...syncHandlers,
  ...servicesHandlers,
  ...migrationHandlers,
  ...draftsHandlers,
  ...reportsHandlers,
};
