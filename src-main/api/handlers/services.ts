import { fieldProblem } from '../../common/problem.ts';
import { isIsoDate } from '../../common/calendar.ts';
import * as services from '../../services/index.ts';
import type { servicesContract } from '../contracts/services.ts';
import { actorOf, type HandlersOf } from '../handler-types.ts';

function recordsById(history: services.ServiceHistory, ids: readonly string[]): services.ServiceRecord[] {
  const byId = new Map(history.records.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** The day a schedule is computed for: a real calendar date, or today. */
function day(on: string | undefined): string {
  if (on === undefined) return services.localToday();
  if (!isIsoDate(on)) throw fieldProblem('on', 'Not a real date (YYYY-MM-DD).', 'खरी तारीख नाही (वर्ष-महिना-दिवस).');
  return on;
}

export const servicesHandlers: HandlersOf<typeof servicesContract> = {
  'services.record': (input, context) => {
    const id = services.recordService(context.data, actorOf(context), input);
    return recordsById(services.serviceHistory(context.data, input.beneficiaryId), [id])[0]!;
  },
  'services.recordMany': ({ beneficiaryId, doses, source, place, awcCode }, context) => {
    const ids = services.recordServices(
      context.data,
      actorOf(context),
      doses.map((d) => ({ beneficiaryId, service: d.service, date: d.date, source, place: place ?? null, awcCode: awcCode ?? null })),
      { prefix: (i) => `doses.${i}.` },
    );
    return { ids, records: recordsById(services.serviceHistory(context.data, beneficiaryId), ids) };
  },
  'services.void': ({ id, reason }, context) => {
    services.voidService(context.data, actorOf(context), id, reason);
    return null;
  },
  'services.history': ({ beneficiaryId }, { data }) => services.serviceHistory(data, beneficiaryId),
  'services.due': ({ beneficiaryId, on, all }, { data }) => {
    const date = day(on);
    return { on: date, due: services.dueForBeneficiary(data, beneficiaryId, date, all ? 'all' : 'actionable') };
  },
  'services.dueList': ({ csv, ...filter }, { data }) => {
    const list = services.dueList(data, { ...filter, on: day(filter.on) });
    return csv ? { ...list, csv: services.dueListCsv(list) } : list;
  },
  'services.jeDistricts': (_input, { data }) => ({ districts: services.jeDistricts(data) }),
  'services.setJeDistricts': ({ districts }, context) => {
    services.setJeDistricts(context.data, actorOf(context), districts);
    return { districts: services.jeDistricts(context.data) };
  },
};
