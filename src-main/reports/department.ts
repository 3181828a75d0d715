// The lists other departments ask the block office for, one click each: Health (the ANM's due list by
// village with the MCP card's codes), Education (school-age children by destination, for seasonal hostels and
// school continuity) and MGNREGA (job-card holders with the month they are expected back).
import { ageInYears } from '../common/calendar.ts';
import { codeForScheduleKey } from '../schedule/index.ts';
import { both, districtLabel, finish, sectorName, stateLabel, type ReportContext } from './context.ts';
import { scheduleOnLastDay } from './services.ts';
import { jobCardHolders, schoolAgeChildren } from './store.ts';
import type { Report, ReportColumn, ReportRow } from './types.ts';

const text = (key: string, mr: string, en: string, width = 16): ReportColumn => ({ key, label: { mr, en }, kind: 'text', width });
const date = (key: string, mr: string, en: string): ReportColumn => ({ key, label: { mr, en }, kind: 'date', width: 12 });
const AWC = text('awc_code', 'अंगणवाडी कोड', 'AWC code', 14);
const VILLAGE = text('village', 'गाव', 'Village', 16);
const MTS_ID = text('mts_id', 'MTS आयडी', 'MTS ID', 20);
const NAME_MR = text('name_mr', 'नाव (मराठी)', 'Name (Marathi)', 24);
const NAME_EN = text('name_en', 'नाव (इंग्रजी)', 'Name (English)', 24);

const STATUS = { due: { mr: 'देय', en: 'Due' }, overdue: { mr: 'थकीत', en: 'Overdue' } } as const;

export function anmDueList(context: ReportContext): Report {
  const rows: ReportRow[] = [];
  for (const { person, rows: schedule } of scheduleOnLastDay(context)) {
    for (const s of schedule) {
      if (s.status !== 'due' && s.status !== 'overdue') continue;
      rows.push({
        village: person.village,
        awc_code: person.awc_code,
        mts_id: person.mts_id,
        name_mr: person.name_mr,
        name_en: person.name_en,
        rch_id: person.rch_id ?? '',
        dob: person.dob,
        mobile: person.mobile ?? '',
        code: codeForScheduleKey(s.key).code,
        service: both(s.label),
        status: both(STATUS[s.status]),
        due_from: s.dueDate,
        due_by: s.dueUntil,
      });
    }
  }
  rows.sort(
    (a, b) =>
      String(a.village).localeCompare(String(b.village)) ||
      String(a.awc_code).localeCompare(String(b.awc_code)) ||
      String(a.name_en).localeCompare(String(b.name_en)) ||
      String(a.due_from).localeCompare(String(b.due_from)),
  );
  return finish(context, {
    name: 'health-anm',
    title: { mr: 'आरोग्य विभाग: ANM देय यादी (लसीकरण व ANC)', en: 'Health: ANM due list (immunisation and ANC)' },
    note: { mr: 'कालावधीच्या शेवटच्या दिवशी देय व थकीत लसी व प्रसूतीपूर्व तपासण्या, गावनिहाय; MCP कार्डावरील कोड.', en: "Immunisation and ANC due and overdue on the period's last day, by village, with the MCP card's codes." },
    columns: [
      VILLAGE,
      AWC,
      MTS_ID,
      NAME_MR,
      NAME_EN,
      text('rch_id', 'RCH आयडी', 'RCH ID', 16),
      date('dob', 'जन्मतारीख', 'Date of birth'),
      text('mobile', 'मोबाईल', 'Mobile', 12),
      text('code', 'MCP कोड', 'MCP code', 10),
      text('service', 'सेवा', 'Service', 30),
      text('status', 'स्थिती', 'Status', 12),
      date('due_from', 'देय दिनांक', 'Due from'),
      date('due_by', 'अंतिम दिनांक', 'Due by'),
    ],
    rows,
    totals: null,
    chart: null,
  });
}

/** Compulsory schooling (RTE) is 6–14; hostels and continuity are also planned for 15–18. */
function ageBand(age: number): string {
  return age <= 14 ? '6–14' : '15–18';
}

export function schoolAgeList(context: ReportContext): Report {
  const { query } = context;
  const [y, m, d] = query.to.split('-') as [string, string, string];
  const bornFrom = `${Number(y) - 19}-${m}-${d}`;
  const bornTo = `${Number(y) - 6}-${m}-${d}`;
  const rows: ReportRow[] = [];
  for (const child of schoolAgeChildren(context.data, query, bornFrom, bornTo)) {
    const age = ageInYears(child.dob, query.to);
    if (age < 6 || age > 18) continue;
    let stays = false;
    try {
      stays = (JSON.parse(child.staying_home) as string[]).includes(child.id);
    } catch {
      stays = false;
    }
    rows.push({
      destination_state: both(stateLabel(child.destination_state)),
      destination_district: child.destination_district_lgd === null ? '' : both(districtLabel(child.destination_district_lgd)),
      destination_place: [child.destination_place, child.destination_block].filter(Boolean).join(', '),
      sector: both(sectorName(child.work_sector)),
      village: child.village,
      awc_code: child.awc_code,
      mts_id: child.mts_id,
      name_mr: child.name_mr,
      name_en: child.name_en,
      sex: child.sex === 'f' ? 'मुलगी / Girl' : child.sex === 'm' ? 'मुलगा / Boy' : 'इतर / Other',
      dob: child.dob,
      age,
      age_band: ageBand(age),
      travelling: stays ? 'गावी राहतो / Stays home (hostel)' : 'कुटुंबासोबत / With the family',
      departure_date: child.departure_date,
      expected_return: child.expected_return,
    });
  }
  return finish(context, {
    name: 'education',
    title: { mr: 'शिक्षण विभाग: शाळाबाह्य होऊ शकणारी स्थलांतरित मुले', en: 'Education: school-age children of migrant families' },
    note: {
      mr: 'कालावधीत स्थलांतरित कुटुंबांतील ६–१८ वर्षांची मुले, गंतव्यानुसार: हंगामी वसतिगृहे व शिक्षणाच्या सातत्यासाठी.',
      en: 'Children aged 6–18 of families away during the period, by destination: for seasonal hostels and school continuity.',
    },
    columns: [
      text('destination_state', 'गंतव्य राज्य', 'Destination state', 20),
      text('destination_district', 'गंतव्य जिल्हा', 'Destination district', 20),
      text('destination_place', 'गंतव्य ठिकाण', 'Destination place', 20),
      text('sector', 'कामाचे क्षेत्र', 'Work sector', 20),
      VILLAGE,
      AWC,
      MTS_ID,
      NAME_MR,
      NAME_EN,
      text('sex', 'लिंग', 'Sex', 12),
      date('dob', 'जन्मतारीख', 'Date of birth'),
      { key: 'age', label: { mr: 'वय (वर्षे)', en: 'Age (years)' }, kind: 'number', width: 8 },
      text('age_band', 'वयोगट', 'Age band', 8),
      text('travelling', 'सोबत / गावी', 'Travelling or home', 28),
      date('departure_date', 'निघण्याचा दिनांक', 'Departure'),
      date('expected_return', 'अपेक्षित परतीचा दिनांक', 'Expected return'),
    ],
    rows,
    totals: null,
    chart: null,
  });
}

export function jobCardList(context: ReportContext): Report {
  const rows: ReportRow[] = jobCardHolders(context.data, context.query).map((h) => ({
    village: h.village,
    awc_code: h.awc_code,
    head_name_mr: h.head_name_mr,
    head_name_en: h.head_name_en,
    job_card: h.job_card,
    mobile: h.mobile ?? '',
    destination: h.destination_state ? [both(stateLabel(h.destination_state)), h.destination_district_lgd === null ? '' : both(districtLabel(h.destination_district_lgd))].filter(Boolean).join(', ') : '',
    sector: h.work_sector ? both(sectorName(h.work_sector)) : '',
    departure_date: h.departure_date,
    expected_return: h.expected_return,
    return_month: h.expected_return ? `${h.expected_return.slice(0, 7)}-01` : null,
  }));
  return finish(context, {
    name: 'mgnrega',
    title: { mr: 'मनरेगा: जॉब कार्डधारक व अपेक्षित परतीचा महिना', en: 'MGNREGA: job-card holders and expected return month' },
    note: {
      mr: 'कुटुंबप्रमुखाच्या ओळखपत्रांतील जॉब कार्ड; परतीचा महिना शेवटच्या प्रवासावरून.',
      en: "The job card among the head's identity documents; return month from the family's latest trip.",
    },
    columns: [
      VILLAGE,
      AWC,
      text('head_name_mr', 'कुटुंबप्रमुख (मराठी)', 'Head of household (Marathi)', 24),
      text('head_name_en', 'कुटुंबप्रमुख (इंग्रजी)', 'Head of household (English)', 24),
      text('job_card', 'जॉब कार्ड क्रमांक', 'Job card number', 24),
      text('mobile', 'मोबाईल', 'Mobile', 12),
      text('destination', 'गंतव्य', 'Destination', 30),
      text('sector', 'कामाचे क्षेत्र', 'Work sector', 20),
      date('departure_date', 'निघण्याचा दिनांक', 'Departure'),
      date('expected_return', 'अपेक्षित परतीचा दिनांक', 'Expected return'),
      { key: 'return_month', label: { mr: 'अपेक्षित परतीचा महिना', en: 'Expected return month' }, kind: 'month', width: 14 },
    ],
    rows,
    totals: null,
    chart: null,
  });
}
