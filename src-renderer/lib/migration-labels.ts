/** Words of the trip screens (household page panel and Migration page), in Marathi and English. */
import type { BilingualText } from '../../src-main/common/problem.ts';
import type { Destination, MigrationListName, TripStatusCode } from '../../src-main/migration/types.ts';
import { stateLabel } from './registration-options.ts';
import { t } from './i18n.svelte.ts';

export type EventKind = 'departed' | 'arrived' | 'moved' | 'returned' | 'not-found';

export const TRIP_STATUS: Record<TripStatusCode, BilingualText> = {
  planned: { mr: 'नियोजित', en: 'Planned' },
  departed: { mr: 'निघाले', en: 'Departed' },
  arrived: { mr: 'पोहोचले', en: 'Arrived' },
  moved: { mr: 'ठिकाण बदलले', en: 'Moved' },
  returned: { mr: 'परतले', en: 'Returned' },
  'not-found': { mr: 'सापडले नाहीत', en: 'Not found' },
};

/** What the operator records (button labels). */
export const EVENT_ACTION: Record<EventKind, BilingualText> = {
  departed: { mr: 'निघाले', en: 'Departed' },
  arrived: { mr: 'पोहोचले (अंगणवाडी द्या)', en: 'Arrived (assign AWC)' },
  moved: { mr: 'ठिकाण बदलले', en: 'Moved' },
  'not-found': { mr: 'सापडले नाहीत', en: 'Not found' },
  returned: { mr: 'परत आले', en: 'Returned' },
};

export const EVENT_LABEL: Record<EventKind, BilingualText> = {
  departed: { mr: 'गावातून निघाले', en: 'Departed from the village' },
  arrived: { mr: 'ठिकाणी पोहोचले', en: 'Arrived at the destination' },
  moved: { mr: 'ठिकाण बदलले', en: 'Moved' },
  'not-found': { mr: 'ठिकाणी सापडले नाहीत', en: 'Not found at the destination' },
  returned: { mr: 'गावी परत आले', en: 'Returned home' },
};

export const REASON_LABEL: Record<string, BilingualText> = {
  'not-at-worksite': { mr: 'कामाच्या ठिकाणी नाहीत', en: 'Not at the worksite' },
  'moved-unknown': { mr: 'अज्ञात ठिकाणी गेले', en: 'Moved on, place unknown' },
  refused: { mr: 'सेवा नाकारली', en: 'Refused' },
  other: { mr: 'इतर', en: 'Other' },
  left: { mr: 'तालुका सोडला (ठिकाण माहीत नाही)', en: 'Left the block (destination unknown)' },
};

export const NOT_FOUND_REASONS = ['not-at-worksite', 'moved-unknown', 'refused', 'other'] as const;

export const LIST_LABEL: Record<MigrationListName, BilingualText> = {
  departed: { mr: 'निघालेली कुटुंबे', en: 'Departed' },
  overdue: { mr: 'पोहोचण्यास उशीर', en: 'Overdue to arrive' },
  expected: { mr: 'या महिन्यात परत अपेक्षित', en: 'Expected back' },
  returned: { mr: 'परत आलेली', en: 'Returned' },
  incoming: { mr: 'येणारी कुटुंबे', en: 'Incoming' },
  present: { mr: 'माझ्या तालुक्यात उपस्थित', en: 'Present in my block' },
};

export const LIST_PURPOSE: Record<MigrationListName, BilingualText> = {
  departed: { mr: 'या कार्यालयाची कुटुंबे जी सध्या बाहेर आहेत: ठिकाण व किती दिवस बाहेर.', en: "This office's families now away: destination and days away." },
  overdue: { mr: 'निघून ठराविक दिवस झाले तरी पोहोचल्याची खात्री नाही: पाठपुरावा करा.', en: 'Departed more than the set number of days ago with no arrival confirmed: follow up.' },
  expected: { mr: 'या महिन्यात परत येणे अपेक्षित, अजून परत आलेले नाहीत.', en: 'Expected back this month and not back yet.' },
  returned: { mr: 'या हंगामात परत आलेली कुटुंबे.', en: 'Families back from this season’s trip.' },
  incoming: { mr: 'हबने या तालुक्यासाठी कळवलेली कुटुंबे: पोहोचल्याची खात्री करा व अंगणवाडी द्या.', en: 'Families the hub announced for this block: confirm arrival and assign an Anganwadi.' },
  present: { mr: 'या तालुक्यात पोहोचलेली कुटुंबे: ठिकाण बदल, सापडले नाहीत किंवा तालुका सोडला याची नोंद करा.', en: 'Families arrived in this block: mark moved, not found or left.' },
};

export function destinationText(destination: Destination | null, districts: ReadonlyMap<number, BilingualText>): string {
  if (!destination) return '—';
  const district = destination.districtLgd !== null ? districts.get(destination.districtLgd) : undefined;
  return [destination.place, destination.block, district ? t(district) : null, destination.state ? t(stateLabel(destination.state)) : null].filter(Boolean).join(', ') || '—';
}

/** Today as the backend counts it (UTC calendar day), so a default date is never "in the future" there. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
