/** Services given: the append-only record of doses and ICDS services, and what is due from it. */
export { recordService, recordServices, voidService } from './record.ts';
export { localToday } from './dates.ts';
export { serviceHistory, mcpGrid } from './history.ts';
export {
  dueForBeneficiary,
  dueItems,
  dueList,
  dueListCsv,
  dueOptions,
  jeDistricts,
  setJeDistricts,
  liveServicesOf,
  subjectOf,
  scheduleOf,
  JE_DISTRICTS_SETTING,
  type DueInclude,
  type DueListFilter,
  type DueOptions,
} from './due.ts';
export type * from './types.ts';
