export { servicesDue, actionable, type GivenService, type ServiceDue, type ServiceStatus } from './due.ts';
export {
  beneficiaryCategory,
  beneficiaryCategories,
  expectedDeliveryDate,
  isPregnant,
  isLactating,
  CATEGORY_LABELS,
  type BeneficiaryCategory,
  type ScheduleSubject,
} from './subject.ts';
export { SCHEDULE, serviceLabel, type Bilingual, type ScheduleEntry, type ServiceKey, type ServiceKind } from './table.ts';
export { addOffset, type Offset } from './dates.ts';
export { SERVICE_CODES, REFERRAL_KINDS, REFERRAL_LABELS, serviceCodeInfo, codeForScheduleKey, givenForSchedule, type ServiceCodeInfo, type ServiceGroup, type ServiceWho, type ReferralKind, type RecordedService } from './codes.ts';
