import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import { beneficiaryCategory } from '../registry/index.ts';
import type { BeneficiaryCategory } from '../registry/types.ts';
import { SERVICE_CODES, serviceCodeInfo, type Bilingual } from '../schedule/index.ts';
import { ageInYears, localToday } from './dates.ts';
import type { McpGridRow, ServiceHistory, ServiceRecord } from './types.ts';

/** Where the MCP card prints each dose, so the grid reads like the card. */
const STAGES: readonly { stage: Bilingual; codes: readonly string[] }[] = [
  { stage: { mr: 'जन्मतः', en: 'At birth' }, codes: ['BCG', 'OPV-0', 'HepB-0'] },
  { stage: { mr: '६ आठवडे', en: '6 weeks' }, codes: ['OPV-1', 'Penta-1', 'RVV-1', 'fIPV-1', 'PCV-1'] },
  { stage: { mr: '१० आठवडे', en: '10 weeks' }, codes: ['OPV-2', 'Penta-2', 'RVV-2'] },
  { stage: { mr: '१४ आठवडे', en: '14 weeks' }, codes: ['OPV-3', 'Penta-3', 'RVV-3', 'fIPV-2', 'PCV-2'] },
  { stage: { mr: '९ महिने', en: '9 months' }, codes: ['MR-1', 'JE-1', 'PCV-B', 'fIPV-3'] },
  { stage: { mr: '१६–२४ महिने', en: '16–24 months' }, codes: ['MR-2', 'JE-2', 'DPT-B1', 'OPV-B'] },
  { stage: { mr: '५–६ वर्षे', en: '5–6 years' }, codes: ['DPT-B2'] },
  { stage: { mr: '१० वर्षे', en: '10 years' }, codes: ['Td-10'] },
  { stage: { mr: '१६ वर्षे', en: '16 years' }, codes: ['Td-16'] },
];
const VITAMIN_A_STAGE: Bilingual = { mr: 'जीवनसत्त्व अ (९ महिने ते ५ वर्षे)', en: 'Vitamin A (9 months to 5 years)' };
const PREGNANCY_STAGE: Bilingual = { mr: 'गरोदरपण', en: 'Pregnancy' };
const VITAMIN_A_DOSES = 9;
const ANC_VISITS = 4;

const DEVANAGARI_DIGITS = '०१२३४५६७८९';
const mrNum = (n: number): string => String(n).replace(/\d/g, (d) => DEVANAGARI_DIGITS[Number(d)] ?? d);

function label(code: string): Bilingual {
  return serviceCodeInfo(code)?.label ?? { mr: code, en: code };
}

interface GridPerson {
  sex: 'f' | 'm' | 'o';
  dob: string;
  lmp_date: string | null;
  category: BeneficiaryCategory;
}

/** The MCP card's rows for this person: a child's immunisation card, or a pregnant woman's. */
export function mcpGrid(person: GridPerson, records: readonly ServiceRecord[], today: string): McpGridRow[] {
  const live = records.filter((r) => !r.voided).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = (code: string) => live.find((r) => r.service === code)?.date ?? null;
  const rows: McpGridRow[] = [];
  const age = ageInYears(person.dob, today);
  if (age < 7) {
    for (const { stage, codes } of STAGES.slice(0, 7)) {
      for (const code of codes) rows.push({ service: code, dose: null, label: label(code), stage, givenOn: first(code) });
    }
    const vitaminA = live.filter((r) => r.service === 'VITA');
    for (let n = 1; n <= VITAMIN_A_DOSES; n++) {
      rows.push({ service: 'VITA', dose: n, label: { mr: `जीवनसत्त्व अ — मात्रा ${mrNum(n)}`, en: `Vitamin A dose ${n}` }, stage: VITAMIN_A_STAGE, givenOn: vitaminA[n - 1]?.date ?? null });
    }
  } else if (age < 19) {
    for (const { stage, codes } of STAGES.slice(7)) {
      for (const code of codes) rows.push({ service: code, dose: null, label: label(code), stage, givenOn: first(code) });
    }
  }
  if (person.category === 'pregnant' && person.lmp_date) {
    const lmp = person.lmp_date;
    const thisPregnancy = (code: string) => live.find((r) => r.service === code && r.date >= lmp)?.date ?? null;
    for (const code of ['Td-1', 'Td-2', 'Td-B']) rows.push({ service: code, dose: null, label: label(code), stage: PREGNANCY_STAGE, givenOn: thisPregnancy(code) });
    const visits = live.filter((r) => r.service === 'ANC' && r.date >= lmp);
    for (let n = 1; n <= ANC_VISITS; n++) {
      rows.push({ service: 'ANC', dose: n, label: { mr: `प्रसूतीपूर्व तपासणी ${mrNum(n)}`, en: `ANC visit ${n}` }, stage: PREGNANCY_STAGE, givenOn: visits[n - 1]?.date ?? null });
    }
  }
  return rows;
}

/** The codes the service picker offers for this person (the API still checks every rule). */
function applicableCodes(person: GridPerson, today: string): ServiceHistory['applicable'] {
  const age = ageInYears(person.dob, today);
  return SERVICE_CODES.filter((c) => {
    if (c.who === 'pregnancy') return person.sex === 'f' && age >= 11;
    if (c.who === 'anyone') return true;
    if (c.code === 'Td-10' || c.code === 'Td-16') return age >= 9 && age < 19;
    // Infant and pre-school doses are caught up until 7 at the latest (DPT boosters).
    return age < 7;
  }).map((c) => ({ service: c.code, label: c.label, group: c.group }));
}

export function serviceHistory(data: OfficeData, beneficiaryId: string, today: string = localToday()): ServiceHistory {
  const { store } = data;
  const person = store.first(
    store.db.selectFrom('beneficiary').select(['id', 'sex', 'dob', 'lmp_date', 'delivery_date', 'rch_id']).where('id', '=', beneficiaryId),
  );
  if (!person) throw new Problem('not-found', { en: 'No such beneficiary.', mr: 'असा लाभार्थी नाही.' });
  const rows = store.all(
    store.db.selectFrom('service').selectAll().where('beneficiary_id', '=', beneficiaryId).orderBy('given_on', 'desc').orderBy('created_at', 'desc'),
  );
  const records: ServiceRecord[] = rows.map((r) => ({
    id: r.id,
    beneficiaryId: r.beneficiary_id,
    service: r.service,
    label: label(r.service),
    date: r.given_on,
    source: r.source,
    place: r.place,
    awcCode: r.awc_code,
    officeCode: r.office_code,
    quantity: r.quantity,
    forMonth: r.for_month,
    detail: r.detail,
    note: r.note,
    voided: r.voided === 1,
    voidReason: r.void_reason,
    createdAt: r.created_at,
  }));
  const category = beneficiaryCategory({ sex: person.sex, dob: person.dob, lmpDate: person.lmp_date, deliveryDate: person.delivery_date }, today);
  const facts = { sex: person.sex, dob: person.dob, lmp_date: person.lmp_date, category };
  return { beneficiaryId, rchId: person.rch_id, category, records, grid: mcpGrid(facts, records, today), applicable: applicableCodes(facts, today) };
}
