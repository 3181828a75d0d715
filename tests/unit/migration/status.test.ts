import { describe, expect, it } from 'vitest';
import { tripStatus, type TripEventFacts, type TripFacts } from '../../../src-main/migration/index.ts';

const trip: TripFacts = {
  id: 'trip-1',
  departureDate: '2026-10-25',
  expectedReturn: '2027-04-30',
  createdAt: '2026-10-01T09:00:00.000Z',
  destination: { state: 'MH', districtLgd: 470, block: 'Parli', place: 'Vaidyanath sugar factory' },
};

let serial = 0;
/** An event as it reaches an office; `recorded` is when it was typed, which may be long after `date`. */
function event(kind: TripEventFacts['event'], date: string, extra: Partial<TripEventFacts> = {}): TripEventFacts {
  serial += 1;
  return {
    id: `e${serial}`,
    event: kind,
    eventDate: date,
    destination: null,
    awcCode: null,
    reason: null,
    officeCode: '2714',
    voided: false,
    createdAt: `2026-12-01T10:00:${String(serial % 60).padStart(2, '0')}.000Z`,
    hlc: `${serial}`,
    ...extra,
  };
}

describe('a trip status rebuilt from its events', () => {
  it('is planned with no events, and counts days away from the departure', () => {
    expect(tripStatus(trip, [], '2026-11-01')).toMatchObject({ status: 'planned', open: false, daysAway: null, flags: [] });
    const departed = tripStatus(trip, [event('departed', '2026-10-26')], '2026-11-05');
    expect(departed).toMatchObject({ status: 'departed', open: true, departedOn: '2026-10-26', daysAway: 10, destination: trip.destination });
  });

  it('gives the right answer when the return reaches the office before the arrival (out of order, late)', () => {
    // Recorded in this order: the return synced first, the arrival at Parli months later.
    const returned = event('returned', '2027-04-20', { createdAt: '2027-04-21T08:00:00.000Z' });
    const departed = event('departed', '2026-10-26', { createdAt: '2027-04-21T08:05:00.000Z' });
    const arrived = event('arrived', '2026-10-28', { awcCode: '27230100007', officeCode: '4712', createdAt: '2027-05-02T08:00:00.000Z' });
    const state = tripStatus(trip, [returned, departed, arrived], '2027-06-01');
    expect(state).toMatchObject({ status: 'returned', open: false, departedOn: '2026-10-26', arrivedOn: '2026-10-28', returnedOn: '2027-04-20', daysAway: 176, destination: null, awcCode: null });
    expect(state.flags).toEqual([]);
  });

  it('orders events of the same day by the course of a trip, whatever order they were typed in', () => {
    const arrived = event('arrived', '2026-10-26', { createdAt: '2026-10-26T08:00:00.000Z', awcCode: 'A1', officeCode: '4712' });
    const departed = event('departed', '2026-10-26', { createdAt: '2026-10-27T08:00:00.000Z' });
    const state = tripStatus(trip, [arrived, departed], '2026-11-01');
    expect(state).toMatchObject({ status: 'arrived', awcCode: 'A1', placedByOffice: '4712', flags: [] });
  });

  it('ignores voided events', () => {
    const state = tripStatus(trip, [event('departed', '2026-10-26'), event('returned', '2026-11-01', { voided: true })], '2026-11-10');
    expect(state).toMatchObject({ status: 'departed', open: true, returnedOn: null, daysAway: 15 });
  });

  it('follows moves: a new worksite, then leaving the block for an unknown place', () => {
    const newSite = { state: 'MH', districtLgd: 470, block: 'Parli', place: 'Brick kiln, Sirsala' };
    const events = [event('departed', '2026-10-26'), event('arrived', '2026-10-28', { awcCode: 'A1' }), event('moved', '2026-12-02', { destination: newSite, awcCode: 'A2' })];
    expect(tripStatus(trip, events, '2026-12-10')).toMatchObject({ status: 'moved', destination: newSite, awcCode: 'A2', left: false, open: true });
    const left = tripStatus(trip, [...events, event('moved', '2027-01-10', { reason: 'left' })], '2027-01-20');
    expect(left).toMatchObject({ status: 'moved', destination: null, awcCode: null, left: true, open: true });
  });

  it('flags impossible sequences for review, and never drops an event', () => {
    const noDeparture = tripStatus(trip, [event('arrived', '2026-10-28')], '2026-11-01');
    expect(noDeparture.status).toBe('arrived');
    expect(noDeparture.flags.map((f) => f.code)).toEqual(['arrived-without-departure']);
    expect(noDeparture.flags[0]!.text.mr).toMatch(/नोंद/);

    const againAfterReturn = tripStatus(trip, [event('departed', '2026-10-26'), event('returned', '2027-03-01'), event('arrived', '2027-03-05')], '2027-03-10');
    expect(againAfterReturn.status).toBe('arrived');
    expect(againAfterReturn.open).toBe(true);
    expect(againAfterReturn.flags.map((f) => f.code)).toEqual(['event-after-return']);

    const twoReturns = tripStatus(trip, [event('departed', '2026-10-26'), event('returned', '2027-03-01'), event('returned', '2027-03-04')], '2027-03-10');
    expect(twoReturns).toMatchObject({ status: 'returned', returnedOn: '2027-03-01' });
    expect(twoReturns.flags.map((f) => f.code)).toEqual(['two-returns']);

    const longBefore = tripStatus(trip, [event('departed', '2025-11-01')], '2026-11-01');
    expect(longBefore.flags.map((f) => f.code)).toEqual(['before-season']);
  });
});
