// A household's trips, one per season: planning a new one from the household page (no re-registration),
// recording what happened on it, voiding a wrong entry. Every write is one transaction of the one write
// path; a refused input writes nothing.
import { randomUUID } from 'node:crypto';
import { Problem, type FieldProblem } from '../common/problem.ts';
import { findDistrict } from '../office/districts.ts';
import { readOffice, type OfficeData } from '../office/service.ts';
import { daysBetween, isIsoDate, todayIso } from '../common/calendar.ts';
import type { MigrationEventKind, MigrationEventTable, MigrationTable, WorkSector } from '../store/schema.ts';
import type { Actor } from '../store/write.ts';
import { compareEvents, seasonStart, tripStatus, type Destination, type TripEventFacts, type TripFacts } from './status.ts';
import type { RecordedEvent, TripEventInput, TripEventView, TripPlan, TripView } from './types.ts';

export const NOT_FOUND_REASONS = ['not-at-worksite', 'moved-unknown', 'refused', 'other'] as const;

function invalid(fields: FieldProblem[]): Problem {
  const first = fields[0]!;
  return new Problem(
    'invalid-input',
    { en: `Check the field "${first.field}": ${first.message.en} Nothing was saved.`, mr: `"${first.field}" हे क्षेत्र तपासा: ${first.message.mr} काहीही जतन झाले नाही.` },
    fields,
  );
}

function unknownHousehold(): Problem {
  return new Problem('unknown-household', { en: 'No such household in this office. Nothing was saved.', mr: 'या कार्यालयात असे कुटुंब नाही. काहीही जतन झाले नाही.' }, [
    { field: 'householdId', message: { en: 'No such household.', mr: 'असे कुटुंब नाही.' } },
  ]);
}

type TripRow = Pick<
  MigrationTable,
  'id' | 'household_id' | 'departure_date' | 'destination_state' | 'destination_district_lgd' | 'destination_block' | 'destination_place' | 'expected_return' | 'created_at'
>;
type EventRow = Pick<
  MigrationEventTable,
  | 'id'
  | 'event'
  | 'event_date'
  | 'destination_state'
  | 'destination_district_lgd'
  | 'destination_block'
  | 'destination_place'
  | 'awc_code'
  | 'reason'
  | 'office_code'
  | 'created_at'
  | 'updated_hlc'
> & { voided: number };

export function tripFacts(row: TripRow): TripFacts {
  return {
    id: row.id,
    departureDate: row.departure_date,
    expectedReturn: row.expected_return,
    createdAt: row.created_at,
    destination: { state: row.destination_state, districtLgd: row.destination_district_lgd, block: row.destination_block, place: row.destination_place },
  };
}

export function eventFacts(row: EventRow): TripEventFacts {
  const hasDestination = row.destination_state !== null || row.destination_block !== null || row.destination_place !== null;
  return {
    id: row.id,
    event: row.event,
    eventDate: row.event_date,
    destination: hasDestination
      ? { state: row.destination_state, districtLgd: row.destination_district_lgd, block: row.destination_block, place: row.destination_place }
      : null,
    awcCode: row.awc_code,
    reason: row.reason,
    officeCode: row.office_code,
    voided: row.voided === 1,
    createdAt: row.created_at,
    hlc: row.updated_hlc,
  };
}

/** The household's trips, newest first, each with its events and its status rebuilt from them. */
export function householdTrips(data: OfficeData, householdId: string, today = todayIso()): TripView[] {
  const { store } = data;
  if (!store.first(store.db.selectFrom('household').select('id').where('id', '=', householdId))) throw unknownHousehold();
  const trips = store.all(
    store.db.selectFrom('migration').selectAll().where('household_id', '=', householdId).orderBy('departure_date', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc'),
  );
  const events = store.all(
    store.db
      .selectFrom('migration_event as e')
      .leftJoin('operator as o', 'o.id', 'e.created_by')
      .selectAll('e')
      .select('o.full_name as recorded_by')
      .where('e.household_id', '=', householdId),
  );
  return trips.map((trip) => {
    const own = events.filter((event) => event.migration_id === trip.id);
    const facts = own.map(eventFacts);
    const order = new Map([...facts].sort(compareEvents).map((event, index) => [event.id, index]));
    const views: TripEventView[] = own
      .map((row) => ({
        id: row.id,
        event: row.event,
        date: row.event_date,
        destination: eventFacts(row).destination,
        awcCode: row.awc_code,
        reason: row.reason,
        note: row.note,
        officeCode: row.office_code,
        voided: row.voided === 1,
        voidReason: row.void_reason,
        createdAt: row.created_at,
        recordedBy: row.recorded_by,
      }))
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return {
      id: trip.id,
      householdId,
      departureDate: trip.departure_date,
      destination: tripFacts(trip).destination,
      workSector: trip.work_sector,
      employer: trip.employer,
      expectedReturn: trip.expected_return,
      stayingHome: parseIds(trip.staying_home),
      officeCode: trip.office_code,
      createdAt: trip.created_at,
      events: views,
      state: tripStatus(tripFacts(trip), facts, today),
    };
  });
}

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function officeCode(data: OfficeData): string {
  const office = readOffice(data);
  if (!office) throw new Problem('not-set-up', { en: 'The office is not set up.', mr: 'कार्यालय सेट केलेले नाही.' });
  return office.code;
}

/** Checks a destination as the registration form does: in Maharashtra a district from the list, elsewhere a place. */
function checkDestination(
  destination: { state: string; district: number | null; block: string; place: string },
  fields: { district: string; place: string },
  problems: FieldProblem[],
): void {
  if (destination.state === 'MH') {
    if (destination.district === null || !findDistrict(destination.district)) {
      problems.push({ field: fields.district, message: { en: 'Choose the destination district from the list.', mr: 'यादीतून जाण्याचा जिल्हा निवडा.' } });
    }
  } else if (destination.place === '' && destination.block === '') {
    problems.push({ field: fields.place, message: { en: 'Write the district and place outside Maharashtra.', mr: 'महाराष्ट्राबाहेरील जिल्हा व ठिकाण लिहा.' } });
  }
}

/**
 * Plans a new season's trip. Refused while another trip of the family is still open (departed, arrived or
 * moved, and not returned): that trip's return must be recorded first.
 */
export function planTrip(data: OfficeData, actor: Actor, plan: TripPlan, today = todayIso()): TripView {
  const { store } = data;
  const household = store.first(store.db.selectFrom('household').select(['id']).where('id', '=', plan.householdId));
  if (!household) throw unknownHousehold();
  const problems: FieldProblem[] = [];
  if (!isIsoDate(plan.departureDate)) problems.push({ field: 'departureDate', message: { en: 'Not a real date.', mr: 'ही खरी तारीख नाही.' } });
  else if (daysBetween(today, plan.departureDate) > 365) {
    problems.push({ field: 'departureDate', message: { en: 'Departure is more than a year away.', mr: 'निघण्याची तारीख एका वर्षापेक्षा पुढची आहे.' } });
  } else if (daysBetween(plan.departureDate, today) > 366) {
    problems.push({ field: 'departureDate', message: { en: 'Departure is more than a year ago; plan only this season’s trip.', mr: 'निघण्याची तारीख एका वर्षापेक्षा जुनी आहे; फक्त या हंगामाचे स्थलांतर नोंदवा.' } });
  }
  if (plan.expectedReturn !== null && (!isIsoDate(plan.expectedReturn) || plan.expectedReturn < plan.departureDate)) {
    problems.push({ field: 'expectedReturn', message: { en: 'Expected return must be after departure.', mr: 'परत येण्याची तारीख निघण्याच्या तारखेनंतरची असावी.' } });
  }
  checkDestination(
    { state: plan.destinationState, district: plan.destinationDistrict, block: plan.destinationBlock, place: plan.destinationPlace },
    { district: 'destinationDistrict', place: 'destinationPlace' },
    problems,
  );
  const members = new Set(
    store.all(store.db.selectFrom('beneficiary').select('id').where('household_id', '=', plan.householdId).where('status', '=', 'active')).map((row) => row.id),
  );
  plan.members.forEach((id, index) => {
    if (!members.has(id)) problems.push({ field: `members.${index}`, message: { en: 'Not an active member of this household.', mr: 'या कुटुंबाचा सक्रिय सदस्य नाही.' } });
  });
  if (problems.length > 0) throw invalid(problems);

  const open = householdTrips(data, plan.householdId, today).find((trip) => trip.state.open);
  if (open) {
    const since = open.state.departedOn ?? open.departureDate;
    throw new Problem('trip-still-open', {
      en: `This family's trip that left on ${since} has no return recorded. Record the return first, then plan the new trip. Nothing was saved.`,
      mr: `${since} रोजी निघालेल्या या कुटुंबाच्या प्रवासाची परत आल्याची नोंद नाही. आधी परत आल्याची नोंद करा, मग नवा प्रवास नियोजित करा. काहीही जतन झाले नाही.`,
    });
  }

  const id = randomUUID();
  const code = officeCode(data);
  data.writer.write(actor, (batch) => {
    batch.insert('migration', {
      id,
      household_id: plan.householdId,
      departure_date: plan.departureDate,
      destination_state: plan.destinationState,
      destination_district_lgd: plan.destinationState === 'MH' ? plan.destinationDistrict : null,
      destination_block: plan.destinationBlock || null,
      destination_place: plan.destinationPlace || null,
      work_sector: plan.workSector.replace(/-/g, '_') as WorkSector,
      employer: plan.employer || null,
      expected_return: plan.expectedReturn,
      status_reason: null,
      staying_home: JSON.stringify([...new Set(plan.members)]),
      office_code: code,
      created_at: new Date().toISOString(),
      created_by: actor.operatorId,
    });
  });
  return householdTrips(data, plan.householdId, today).find((trip) => trip.id === id)!;
}

const EVENT_SAVED: Record<MigrationEventKind, { en: string; mr: string }> = {
  departed: { en: 'Departure recorded.', mr: 'निघाल्याची नोंद झाली.' },
  arrived: { en: 'Arrival recorded.', mr: 'पोहोचल्याची नोंद झाली.' },
  moved: { en: 'Move recorded.', mr: 'ठिकाण बदलल्याची नोंद झाली.' },
  'not-found': { en: 'Recorded as not found.', mr: 'सापडले नाहीत अशी नोंद झाली.' },
  returned: { en: 'Return recorded.', mr: 'परत आल्याची नोंद झाली.' },
};

/** Records what happened on a trip (by default the household's latest). Out-of-order sequences are kept and flagged. */
export function recordTripEvent(data: OfficeData, actor: Actor, input: TripEventInput, today = todayIso()): RecordedEvent {
  const { store } = data;
  if (!store.first(store.db.selectFrom('household').select('id').where('id', '=', input.householdId))) throw unknownHousehold();
  const trip = store.first(
    store.db
      .selectFrom('migration')
      .selectAll()
      .where('household_id', '=', input.householdId)
      .$if(!!input.tripId, (q) => q.where('id', '=', input.tripId!))
      .orderBy('departure_date', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
  if (!trip) {
    throw input.tripId
      ? new Problem('unknown-trip', { en: 'This trip is not one of this household’s. Nothing was saved.', mr: 'हा प्रवास या कुटुंबाचा नाही. काहीही जतन झाले नाही.' }, [
          { field: 'tripId', message: { en: 'No such trip for this household.', mr: 'या कुटुंबाचा असा प्रवास नाही.' } },
        ])
      : new Problem('no-trip', { en: 'This household has no trip yet: plan the trip first. Nothing was saved.', mr: 'या कुटुंबाचा प्रवास अजून नियोजित नाही: आधी प्रवास नियोजित करा. काहीही जतन झाले नाही.' });
  }

  const problems: FieldProblem[] = [];
  const earliest = seasonStart(tripFacts(trip));
  if (!isIsoDate(input.date)) problems.push({ field: 'date', message: { en: 'Not a real date.', mr: 'ही खरी तारीख नाही.' } });
  else if (input.date > today) problems.push({ field: 'date', message: { en: 'The date is in the future.', mr: 'तारीख भविष्यातील आहे.' } });
  else if (input.date < earliest) {
    problems.push({
      field: 'date',
      message: {
        en: `The date is before this trip's season (planned departure ${trip.departure_date}); check the year.`,
        mr: `तारीख या प्रवासाच्या हंगामाच्या आधीची आहे (नियोजित निघणे ${trip.departure_date}); वर्ष तपासा.`,
      },
    });
  }
  const reason = input.reason?.trim() || null;
  if (input.event === 'not-found' && !NOT_FOUND_REASONS.includes(reason as never)) {
    problems.push({ field: 'reason', message: { en: 'Choose why the family was not found.', mr: 'कुटुंब का सापडले नाही ते निवडा.' } });
  }
  if (input.event === 'moved' && reason !== null && reason !== 'left') {
    problems.push({ field: 'reason', message: { en: 'A move has no reason other than “left the block”.', mr: 'ठिकाण बदलासाठी “तालुका सोडला” याशिवाय कारण नाही.' } });
  }
  if (input.event !== 'not-found' && input.event !== 'moved' && reason !== null) {
    problems.push({ field: 'reason', message: { en: 'Only “not found” and “moved” take a reason.', mr: 'फक्त “सापडले नाहीत” व “ठिकाण बदल” यांना कारण लागते.' } });
  }
  const awcCode = input.awcCode?.trim() || null;
  if (awcCode !== null) {
    if (input.event !== 'arrived' && input.event !== 'moved') {
      problems.push({ field: 'awcCode', message: { en: 'An Anganwadi is assigned only on arrival or a move.', mr: 'अंगणवाडी फक्त पोहोचल्यावर किंवा ठिकाण बदलल्यावर दिली जाते.' } });
    } else if (!store.first(store.db.selectFrom('awc').select('code').where('code', '=', awcCode).where('active', '=', 1))) {
      problems.push({ field: 'awcCode', message: { en: 'Choose the Anganwadi centre from this office’s list.', mr: 'या कार्यालयाच्या यादीतून अंगणवाडी केंद्र निवडा.' } });
    }
  }
  let destination: Destination | null = null;
  const given = input.destination;
  if (given && (input.event === 'arrived' || input.event === 'moved') && reason !== 'left') {
    const previous = tripStatus(tripFacts(trip), eventRowsOf(data, trip.id).map(eventFacts), today).destination ?? tripFacts(trip).destination;
    const state = given.state?.trim() || previous.state || 'MH';
    const districtLgd = state === 'MH' ? (given.district ?? (state === previous.state ? previous.districtLgd : null)) : null;
    // A new worksite in the same district keeps the block unless another is named.
    const sameDistrict = state === previous.state && districtLgd === previous.districtLgd;
    destination = {
      state,
      districtLgd,
      block: given.block?.trim() || (sameDistrict ? previous.block : null),
      place: given.place?.trim() || null,
    };
    checkDestination({ state, district: destination.districtLgd, block: destination.block ?? '', place: destination.place ?? '' }, { district: 'destination.district', place: 'destination.place' }, problems);
  } else if (given && input.event !== 'arrived' && input.event !== 'moved') {
    problems.push({ field: 'destination', message: { en: 'Only an arrival or a move names a destination.', mr: 'फक्त पोहोचणे किंवा ठिकाण बदल यांत ठिकाण लिहिले जाते.' } });
  }
  if (input.event === 'moved' && reason === null && destination === null && awcCode === null) {
    problems.push({ field: 'destination', message: { en: 'Write the new worksite, or mark that the family left the block.', mr: 'नवे कामाचे ठिकाण लिहा, किंवा कुटुंबाने तालुका सोडला अशी खूण करा.' } });
  }
  if (problems.length > 0) throw invalid(problems);

  const id = randomUUID();
  const code = officeCode(data);
  data.writer.write(actor, (batch) => {
    batch.insert('migration_event', {
      id,
      migration_id: trip.id,
      household_id: input.householdId,
      event: input.event,
      event_date: input.date,
      destination_state: destination?.state ?? null,
      destination_district_lgd: destination?.districtLgd ?? null,
      destination_block: destination?.block ?? null,
      destination_place: destination?.place ?? null,
      awc_code: awcCode,
      reason,
      note: input.note?.trim() || null,
      office_code: code,
      void_reason: null,
      created_at: new Date().toISOString(),
      created_by: actor.operatorId,
    });
  });
  const state = tripStatus(tripFacts(trip), eventRowsOf(data, trip.id).map(eventFacts), today);
  return { id, tripId: trip.id, state, message: EVENT_SAVED[input.event] };
}

function eventRowsOf(data: OfficeData, tripId: string): EventRow[] {
  return data.store.all(data.store.db.selectFrom('migration_event').selectAll().where('migration_id', '=', tripId));
}

/** Events are never deleted or changed: a wrong one is voided with a reason and stays on the timeline. */
export function voidTripEvent(data: OfficeData, actor: Actor, id: string, reason: string): void {
  const row = data.store.first(data.store.db.selectFrom('migration_event').select(['id', 'voided']).where('id', '=', id));
  if (!row) {
    throw new Problem('not-found', { en: 'No such trip event. Nothing was changed.', mr: 'अशी प्रवास नोंद नाही. काहीही बदलले नाही.' }, [
      { field: 'id', message: { en: 'No such event.', mr: 'अशी नोंद नाही.' } },
    ]);
  }
  if (row.voided === 1) throw new Problem('already-voided', { en: 'This event is already voided.', mr: 'ही नोंद आधीच रद्द केली आहे.' });
  data.writer.write(actor, (batch) => {
    batch.update('migration_event', id, { voided: 1, void_reason: reason }, reason);
  });
}
