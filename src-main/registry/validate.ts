/**
 * The backend's checks of the registration form. Pure (no node: modules, no database): the entry screen
 * imports this very module and runs it while the operator types, so the screen and the server can never
 * disagree about what is wrong.
 */
import type { HouseholdInput, MemberInput } from '../api/contracts/registry.ts';
import type { BilingualText, FieldProblem } from '../common/problem.ts';
import { validateAadhaar } from '../identity/aadhaar-format.ts';
import { validateJobCard, validateMobile, validatePan, validateRationCard, validateVoterId } from '../identity/documents.ts';
import type { Validated } from '../identity/messages.ts';
import { PREGNANCY_LIMIT_DAYS } from './category.ts';
import { ageInYears, daysBetween, estimatedDob, isIsoDate } from '../common/calendar.ts';
import { CHILDBEARING_AGE } from './form-definition.ts';
import { headMemberIndex } from './head.ts';

/** Devanagari letters and signs (no digits), the joiners Marathi needs (र्‍या), spaces, dots for initials. */
const DEVANAGARI_NAME = /^[\u0900-\u0963\u0970-\u097F\u200C\u200D .'-]+$/;
const HAS_DEVANAGARI_LETTER = /[\u0904-\u0939\u0958-\u0961\u0972-\u097F]/;
const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]*$/;

/**
 * The script rule of a name field: the Marathi name in Devanagari only, the English name in Latin letters
 * only. Null when the name is fine (or still empty: the contract requires it).
 */
export function nameScriptProblem(text: string, script: 'deva' | 'latn'): BilingualText | null {
  const name = text.trim();
  if (name === '') return null;
  if (script === 'deva') {
    if (DEVANAGARI_NAME.test(name) && HAS_DEVANAGARI_LETTER.test(name)) return null;
    return /[A-Za-z]/.test(name)
      ? { en: 'The Marathi name takes Devanagari letters only: remove the English letters.', mr: 'मराठी नावात फक्त देवनागरी अक्षरे: इंग्रजी अक्षरे काढा.' }
      : { en: 'Write the Marathi name in Devanagari letters only (no digits or signs).', mr: 'मराठी नाव फक्त देवनागरी अक्षरांत लिहा (अंक किंवा चिन्हे नकोत).' };
  }
  if (LATIN_NAME.test(name)) return null;
  return /[\u0900-\u097F]/.test(name)
    ? { en: 'The English name takes Latin letters only: remove the Devanagari letters.', mr: 'इंग्रजी नावात फक्त इंग्रजी (लॅटिन) अक्षरे: देवनागरी अक्षरे काढा.' }
    : { en: 'Write the English name in English (Latin) letters only.', mr: 'इंग्रजी नाव फक्त इंग्रजी अक्षरांत लिहा.' };
}

/** Whether pregnancy and lactation may be recorded for this person (a woman aged 15–49). */
export function childbearingApplies(sex: 'f' | 'm' | 'o', age: number | null): boolean {
  return sex === 'f' && (age === null || (age >= CHILDBEARING_AGE.min && age <= CHILDBEARING_AGE.max));
}

/** A member's facts once the form is read: a date of birth always, estimated when only an age was given. */
export interface CheckedMember {
  dob: string;
  dobEstimated: boolean;
  sex: 'f' | 'm' | 'o';
  lmpDate: string | null;
  deliveryDate: string | null;
  measuredOn: string | null;
  rchId: string | null;
}

export const RCH_ID = /^[0-9]{10,15}$/;

/** The RCH portal registers pregnant women, mothers after delivery and children under 6; nobody else has an RCH ID. */
export function rchIdApplies(facts: { pregnant: boolean; lactating: boolean; dob: string }, today: string): boolean {
  return facts.pregnant || facts.lactating || ageInYears(facts.dob, today) < 6;
}

/** One member on its own (added to a household later), its fields named under `path`. */
export function checkOneMember(member: MemberInput, path: string, today: string): { value: CheckedMember; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (field: string, en: string, mr: string) => problems.push({ field, message: { en, mr } });
  const value = checkMember(member, path, today, fail, problems);
  return { value, problems };
}

export interface CheckedHousehold {
  mobile: string | null;
  pan: string | null;
  rationCard: string | null;
  voterId: string | null;
  jobCard: string | null;
  members: CheckedMember[];
}

/**
 * Checks the whole form and reports every problem at once, each naming its field, so the operator fixes
 * the paper form in one pass. Nothing is written while any problem remains.
 */
export function checkHousehold(input: HouseholdInput, today: string, awcExists: (code: string) => boolean): { value: CheckedHousehold; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (field: string, en: string, mr: string) => problems.push({ field, message: { en, mr } });
  const document = <T>(field: string, text: string, validate: (text: string) => Validated<T>): T | null => {
    if (!text) return null;
    const result = validate(text);
    if (result.ok) return result.value;
    problems.push({ field, message: result.message });
    return null;
  };

  const name = (field: string, text: string, script: 'deva' | 'latn') => {
    const problem = nameScriptProblem(text, script);
    if (problem) problems.push({ field, message: problem });
  };
  if (!awcExists(input.awc)) fail('awc', 'Choose the Anganwadi centre from the list.', 'यादीतून अंगणवाडी केंद्र निवडा.');
  const headIndex = headMemberIndex(input.members);
  input.members.forEach((member, index) => {
    if (member.relation === 'self' && index !== headIndex) fail(`members.${index}.relation`, `Only one member is the head (self): member ${headIndex + 1} already is.`, `कुटुंबप्रमुख (स्वतः) एकच असतो: सदस्य ${headIndex + 1} आधीच आहे.`);
  });
  const head = headIndex >= 0 ? input.members[headIndex]! : null;
  if (head && (input.headNameMr.trim() !== head.nameMr.trim() || input.headNameEn.trim() !== head.nameEn.trim())) {
    fail('headNameMr', `The head's name differs from member ${headIndex + 1} (self): leave it blank or write the same name.`, `कुटुंबप्रमुखाचे नाव सदस्य ${headIndex + 1} (स्वतः) पेक्षा वेगळे आहे: रिकामे ठेवा किंवा तेच नाव लिहा.`);
  } else if (!head) {
    // The head is not listed as a member: the names come from the household fields and are checked there.
    if (input.headNameMr.trim() === '') fail('headNameMr', 'Give the head of household: member 1 with relation "Self (head)".', 'कुटुंबप्रमुख लिहा: सदस्य १ चे नाते "स्वतः (कुटुंबप्रमुख)".');
    else name('headNameMr', input.headNameMr, 'deva');
    if (input.headNameEn.trim() === '') fail('headNameEn', 'Give the head of household: member 1 with relation "Self (head)".', 'कुटुंबप्रमुख लिहा: सदस्य १ चे नाते "स्वतः (कुटुंबप्रमुख)".');
    else name('headNameEn', input.headNameEn, 'latn');
  }
  if (input.aadhaar) {
    const aadhaar = validateAadhaar(input.aadhaar);
    if (!aadhaar.ok) problems.push({ field: 'aadhaar', message: aadhaar.message });
  }
  const value: CheckedHousehold = {
    mobile: document('contactNumber', input.contactNumber, validateMobile),
    pan: document('pan', input.pan, validatePan),
    rationCard: document('rationCard', input.rationCard, validateRationCard),
    voterId: document('voterId', input.voterId, validateVoterId),
    jobCard: document('mgnregaJobCard', input.mgnregaJobCard, validateJobCard),
    members: input.members.map((member, index) => checkMember(member, `members.${index}`, today, fail, problems)),
  };

  if (input.migration) {
    const m = input.migration;
    if (!isIsoDate(m.departureDate)) fail('migration.departureDate', 'Not a real date.', 'ही खरी तारीख नाही.');
    else if (daysBetween(today, m.departureDate) > 365) fail('migration.departureDate', 'Departure is more than a year away.', 'निघण्याची तारीख एका वर्षापेक्षा पुढची आहे.');
    else if (daysBetween(m.departureDate, today) > 366) fail('migration.departureDate', 'Departure is more than a year ago; record only this season’s trip.', 'निघण्याची तारीख एका वर्षापेक्षा जुनी आहे; फक्त या हंगामाचे स्थलांतर नोंदवा.');
    if (m.expectedReturn !== null && (!isIsoDate(m.expectedReturn) || m.expectedReturn < m.departureDate)) {
      fail('migration.expectedReturn', 'Expected return must be after departure.', 'परत येण्याची तारीख निघण्याच्या तारखेनंतरची असावी.');
    }
    if (m.destinationState === 'MH' && m.destinationDistrict === null) {
      fail('migration.destinationDistrict', 'Choose the destination district.', 'जाण्याचा जिल्हा निवडा.');
    }
  }
  return { value, problems };
}

function checkMember(
  member: MemberInput,
  path: string,
  today: string,
  fail: (field: string, en: string, mr: string) => void,
  problems: FieldProblem[],
): CheckedMember {
  for (const [key, script] of [['nameMr', 'deva'], ['nameEn', 'latn']] as const) {
    const problem = nameScriptProblem(member[key], script);
    if (problem) problems.push({ field: `${path}.${key}`, message: problem });
  }
  if (member.aadhaar) {
    const aadhaar = validateAadhaar(member.aadhaar);
    if (!aadhaar.ok) problems.push({ field: `${path}.aadhaar`, message: aadhaar.message });
  }
  const sex = member.sex.toLowerCase() as 'f' | 'm' | 'o';

  let dob = today;
  let dobKnown = false;
  let dobEstimated = false;
  if (member.dateOfBirth !== null) {
    if (!isIsoDate(member.dateOfBirth)) fail(`${path}.dateOfBirth`, 'Not a real date.', 'ही खरी तारीख नाही.');
    else if (member.dateOfBirth > today) fail(`${path}.dateOfBirth`, 'Date of birth cannot be in the future.', 'जन्मतारीख भविष्यातील असू शकत नाही.');
    else if (ageInYears(member.dateOfBirth, today) > 110) fail(`${path}.dateOfBirth`, 'Date of birth is more than 110 years ago.', 'जन्मतारीख 110 वर्षांपेक्षा जुनी आहे.');
    else {
      dob = member.dateOfBirth;
      dobKnown = true;
    }
  } else if (member.declaredAgeYears !== null || member.declaredAgeMonths !== null) {
    dob = estimatedDob(member.declaredAgeYears ?? 0, member.declaredAgeMonths ?? 0, today);
    dobKnown = true;
    dobEstimated = true;
  } else {
    fail(`${path}.dateOfBirth`, 'Give the date of birth or the declared age.', 'जन्मतारीख किंवा सांगितलेले वय लिहा.');
  }
  const age = ageInYears(dob, today);

  const outsideChildbearingAge = (what: string) =>
    `Age ${age}: ${what} is recorded for women aged ${CHILDBEARING_AGE.min}–${CHILDBEARING_AGE.max} only; check the date of birth.`;
  let lmpDate: string | null = null;
  if (member.pregnant) {
    if (sex !== 'f') fail(`${path}.pregnant`, 'Only a woman can be recorded as pregnant.', 'फक्त स्त्री गरोदर म्हणून नोंदवता येते.');
    else if (dobKnown && !childbearingApplies(sex, age)) fail(`${path}.pregnant`, outsideChildbearingAge('pregnancy'), `वय ${age}: गरोदरपणाची नोंद फक्त ${CHILDBEARING_AGE.min}–${CHILDBEARING_AGE.max} वर्षांच्या स्त्रियांसाठी; जन्मतारीख तपासा.`);
    if (member.lmp === null) fail(`${path}.lmp`, 'Give the date of the last menstrual period.', 'शेवटच्या मासिक पाळीची तारीख लिहा.');
    else if (!isIsoDate(member.lmp)) fail(`${path}.lmp`, 'Not a real date.', 'ही खरी तारीख नाही.');
    else if (member.lmp > today) fail(`${path}.lmp`, 'LMP cannot be in the future.', 'पाळीची तारीख भविष्यातील असू शकत नाही.');
    else if (daysBetween(member.lmp, today) > PREGNANCY_LIMIT_DAYS) fail(`${path}.lmp`, 'LMP is more than 300 days ago: record the delivery instead.', 'पाळीची तारीख 300 दिवसांपेक्षा जुनी आहे: प्रसूतीची नोंद करा.');
    else lmpDate = member.lmp;
  }
  let deliveryDate: string | null = null;
  if (member.lactating) {
    if (sex !== 'f') fail(`${path}.lactating`, 'Only a woman can be recorded as lactating.', 'फक्त स्त्री स्तनदा माता म्हणून नोंदवता येते.');
    else if (dobKnown && !childbearingApplies(sex, age)) fail(`${path}.lactating`, outsideChildbearingAge('lactation'), `वय ${age}: स्तनदा मातेची नोंद फक्त ${CHILDBEARING_AGE.min}–${CHILDBEARING_AGE.max} वर्षांच्या स्त्रियांसाठी; जन्मतारीख तपासा.`);
    if (member.deliveryDate === null) fail(`${path}.deliveryDate`, 'Give the date of delivery.', 'प्रसूतीची तारीख लिहा.');
    else if (!isIsoDate(member.deliveryDate)) fail(`${path}.deliveryDate`, 'Not a real date.', 'ही खरी तारीख नाही.');
    else if (member.deliveryDate > today) fail(`${path}.deliveryDate`, 'Delivery date cannot be in the future.', 'प्रसूतीची तारीख भविष्यातील असू शकत नाही.');
    else if (daysBetween(member.deliveryDate, today) > 730) fail(`${path}.deliveryDate`, 'Delivery is more than two years ago.', 'प्रसूती दोन वर्षांपेक्षा जुनी आहे.');
    else deliveryDate = member.deliveryDate;
  }

  const measured = member.weightKg !== null || member.heightCm !== null || member.muacMm !== null || member.oedema;
  let measuredOn: string | null = null;
  if (measured) {
    measuredOn = member.measuredOn ?? today;
    if (!isIsoDate(measuredOn) || measuredOn > today) fail(`${path}.measuredOn`, 'Measurement date cannot be in the future.', 'मोजणीची तारीख भविष्यातील असू शकत नाही.');
    else if (dobKnown && measuredOn < dob) fail(`${path}.measuredOn`, 'Measured before the date of birth.', 'मोजणीची तारीख जन्मतारखेपूर्वीची आहे.');
    if (member.weightKg !== null && (member.weightKg < 0.5 || member.weightKg > 150)) fail(`${path}.weightKg`, 'Weight must be 0.5–150 kg.', 'वजन 0.5–150 किलो असावे.');
    if (member.heightCm !== null && (member.heightCm < 35 || member.heightCm > 200)) fail(`${path}.heightCm`, 'Length/height must be 35–200 cm.', 'लांबी/उंची 35–200 सेमी असावी.');
    if (member.heightCm !== null && member.posture === null) fail(`${path}.posture`, 'Say whether measured lying or standing.', 'झोपवून की उभे करून मोजले ते निवडा.');
    if (member.muacMm !== null && (member.muacMm < 50 || member.muacMm > 400)) fail(`${path}.muacMm`, 'MUAC must be 50–400 mm.', 'दंडघेर 50–400 मिमी असावा.');
  }
  let rchId: string | null = null;
  const rch = member.rchId.replace(/[\s-]/g, '');
  if (rch !== '') {
    if (!RCH_ID.test(rch)) fail(`${path}.rchId`, 'The RCH ID has 10 to 15 digits.', 'RCH आयडी १० ते १५ अंकी असतो.');
    else if (dobKnown && !rchIdApplies({ pregnant: member.pregnant, lactating: member.lactating, dob }, today)) {
      fail(`${path}.rchId`, 'An RCH ID is kept only for pregnant women, lactating mothers and children under 6.', 'RCH आयडी फक्त गरोदर, स्तनदा माता व ६ वर्षांखालील बालकांसाठी नोंदवला जातो.');
    } else rchId = rch;
  }
  return { dob, dobEstimated, sex, lmpDate, deliveryDate, measuredOn, rchId };
}
