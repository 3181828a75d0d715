// A trip's status is never stored: it is rebuilt here from the trip's events every time it is shown
// (DESIGN §6 rule 6). Events come from several offices and reach this one late and out of order (a return
// synced before the arrival), so they are put in the order they happened — by date, then by the order a
// trip runs through on one day, then by when they were recorded — before they are read. A sequence that
// cannot have happened is kept and flagged for a supervisor to review; it is never refused or dropped.
import type { BilingualText } from '../common/problem.ts';
import type { MigrationEventKind } from '../store/schema.ts';
import { addDays, daysBetween } from '../common/calendar.ts';

export type TripStatusCode = 'planned' | 'departed' | 'arrived' | 'moved' | 'returned' | 'not-found';

export interface Destination {
  state: string | null;
  districtLgd: number | null;
  block: string | null;
  place: string | null;
}

export interface TripFacts {
  id: string;
  departureDate: string;
  expectedReturn: string | null;
  /** ISO timestamp the trip was planned. */
  createdAt: string;
  destination: Destination;
}

export interface TripEventFacts {
  id: string;
  event: MigrationEventKind;
  eventDate: string;
  destination: Destination | null;
  awcCode: string | null;
  reason: string | null;
  officeCode: string;
  voided: boolean;
  createdAt: string;
  hlc: string;
}

export type TripFlagCode =
  | 'arrived-without-departure'
  | 'moved-without-arrival'
  | 'returned-without-departure'
  | 'departed-twice'
  | 'event-after-return'
  | 'two-returns'
  | 'before-season';

export interface TripFlag {
  code: TripFlagCode;
  /** The event that made the sequence impossible. */
  eventId: string;
  text: BilingualText;
}

export interface TripState {
  status: TripStatusCode;
  /** Where the family is now: the trip's destination, or the latest arrival's or move's; null once returned or left. */
  destination: Destination | null;
  /** The last place the family was known to be during the trip (kept after the return). */
  lastDestination: Destination | null;
  /** The Anganwadi serving the family at the destination, if one was assigned. */
  awcCode: string | null;
  /** The office that recorded the latest arrival or move (where the family is being served). */
  placedByOffice: string | null;
  /** A `moved` event with reason `left`: the family left the block for an unknown place. */
  left: boolean;
  notFoundReason: string | null;
  /** The office that recorded the family as not found. */
  notFoundBy: string | null;
  departedOn: string | null;
  arrivedOn: string | null;
  returnedOn: string | null;
  /** Days since departure until the return, or until `today` while away. */
  daysAway: number | null;
  /** Departed, arrived or moved and not returned: no new trip may be planned. */
  open: boolean;
  flags: TripFlag[];
}

/** How far before a trip's planned departure an event may be dated and still belong to that season. */
export const SEASON_DAYS = 180;

/** On one day a trip runs departed → arrived → moved → not found → returned. */
const KIND_ORDER: Record<MigrationEventKind, number> = { departed: 0, arrived: 1, moved: 2, 'not-found': 3, returned: 4 };

export function compareEvents(a: TripEventFacts, b: TripEventFacts): number {
  if (a.eventDate !== b.eventDate) return a.eventDate < b.eventDate ? -1 : 1;
  if (a.event !== b.event) return KIND_ORDER[a.event] - KIND_ORDER[b.event];
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The earliest date an event of this trip may carry: the planned departure (or planning day) less a season. */
export function seasonStart(trip: Pick<TripFacts, 'departureDate' | 'createdAt'>): string {
  const planned = trip.createdAt.slice(0, 10);
  return addDays(trip.departureDate < planned ? trip.departureDate : planned, -SEASON_DAYS);
}

const FLAG_TEXT: Record<TripFlagCode, BilingualText> = {
  'arrived-without-departure': { en: 'Arrival recorded with no departure before it.', mr: 'निघाल्याची नोंद नसताना पोहोचल्याची नोंद.' },
  'moved-without-arrival': { en: 'Move recorded before any arrival.', mr: 'पोहोचल्याच्या नोंदीआधी स्थलांतर बदलाची नोंद.' },
  'returned-without-departure': { en: 'Return recorded with no departure before it.', mr: 'निघाल्याची नोंद नसताना परतल्याची नोंद.' },
  'departed-twice': { en: 'Departure recorded again without a return in between.', mr: 'परत न येता पुन्हा निघाल्याची नोंद.' },
  'event-after-return': { en: 'Event dated after the family had returned.', mr: 'कुटुंब परतल्यानंतरच्या तारखेची नोंद.' },
  'two-returns': { en: 'Return recorded twice.', mr: 'परतल्याची नोंद दोनदा.' },
  'before-season': { en: 'Event dated long before this trip was planned.', mr: 'हा प्रवास नियोजित होण्याच्या खूप आधीची तारीख.' },
};

/** Rebuilds a trip's status from its events; voided events are ignored. `today` counts the days away. */
export function tripStatus(trip: TripFacts, events: readonly TripEventFacts[], today: string): TripState {
  const state: TripState = {
    status: 'planned',
    destination: trip.destination,
    lastDestination: trip.destination,
    awcCode: null,
    placedByOffice: null,
    left: false,
    notFoundReason: null,
    notFoundBy: null,
    departedOn: null,
    arrivedOn: null,
    returnedOn: null,
    daysAway: null,
    open: false,
    flags: [],
  };
  const flag = (code: TripFlagCode, eventId: string) => state.flags.push({ code, eventId, text: FLAG_TEXT[code] });
  const earliest = seasonStart(trip);
  const ordered = events.filter((event) => !event.voided).sort(compareEvents);

  for (const event of ordered) {
    if (event.eventDate < earliest) flag('before-season', event.id);
    if (state.returnedOn !== null && event.event !== 'returned') flag('event-after-return', event.id);
    switch (event.event) {
      case 'departed':
        if (state.departedOn !== null && state.returnedOn === null) flag('departed-twice', event.id);
        state.departedOn ??= event.eventDate;
        state.destination = trip.destination;
        break;
      case 'arrived':
        if (state.departedOn === null) flag('arrived-without-departure', event.id);
        state.arrivedOn ??= event.eventDate;
        state.destination = event.destination ?? state.destination ?? trip.destination;
        state.awcCode = event.awcCode;
        state.placedByOffice = event.officeCode;
        state.left = false;
        break;
      case 'moved':
        if (state.arrivedOn === null) flag('moved-without-arrival', event.id);
        state.left = event.reason === 'left';
        state.destination = state.left ? null : (event.destination ?? state.destination);
        state.awcCode = state.left ? null : event.awcCode;
        state.placedByOffice = event.officeCode;
        break;
      case 'not-found':
        state.notFoundReason = event.reason;
        state.notFoundBy = event.officeCode;
        state.awcCode = null;
        break;
      case 'returned':
        if (state.returnedOn !== null) flag('two-returns', event.id);
        else if (state.departedOn === null) flag('returned-without-departure', event.id);
        state.returnedOn ??= event.eventDate;
        state.destination = null;
        state.awcCode = null;
        state.placedByOffice = null;
        break;
    }
    if (state.destination !== null) state.lastDestination = state.destination;
    // The latest event decides the status, even one flagged above: the flag asks for review.
    state.status = event.event;
  }

  // An event dated after the return (flagged) still says where the family was last seen; a return counts as
  // the end of the trip only when it is the latest event.
  if (state.status !== 'returned') state.returnedOn = null;
  state.open = state.status === 'departed' || state.status === 'arrived' || state.status === 'moved';
  const start = state.departedOn ?? (state.status !== 'planned' ? (ordered[0]?.eventDate ?? null) : null);
  if (start !== null) {
    const end = state.returnedOn ?? today;
    state.daysAway = Math.max(0, daysBetween(start, end));
  }
  return state;
}
