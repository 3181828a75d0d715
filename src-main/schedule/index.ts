export { servicesDue, actionable, type GivenService, type ServiceDue, type ServiceStatus } from './due.ts';
export {
  beneficiaryCategory,
  beneficiaryCategories,
  expectedDeliveryDate,
  isPregnant,
  isLactating,
  SAG_AGES,
  type AgeBand,
  type BeneficiaryCategory,
  type ScheduleOptions,
  type ScheduleSubject,
} from './subject.ts';
export {
  SCHEDULE,
  SERVICE_KEYS,
  serviceLabel,
  type Bilingual,
  type Recurrence,
  type ScheduleEntry,
  type ServiceKey,
  type ServiceKind,
} from './table.ts';
export { JE_ENDEMIC_DISTRICTS_MAHARASHTRA, JE_ENDEMIC_LGD_CODES, isJeEndemic, type JeDistrict } from './je.ts';
export { addOffset, type Offset } from './dates.ts';
export { SERVICE_CODES, REFERRAL_KINDS, REFERRAL_LABELS, serviceCodeInfo, codeForScheduleKey, givenForSchedule, type ServiceCodeInfo, type ServiceGroup, type ServiceWho, type ReferralKind, type RecordedService } from './codes.ts';
