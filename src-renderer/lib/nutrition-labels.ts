/** Marathi/English words of the nutrition screens; status labels themselves come from the engine. */
import type { BilingualText } from '../../src-main/common/problem.ts';
import type { NutritionFlag, StatusIndicator } from '../../src-main/nutrition/index.ts';

export const N = {
  calculator: { mr: 'पोषण कॅल्क्युलेटर', en: 'Nutrition calculator' },
  calculatorHint: {
    mr: 'एका बालकाचे मोजमाप टाका; z-स्कोअर व पोषण स्थिती टाइप करताच दिसते. काहीही जतन होत नाही.',
    en: "Enter one child's measurement; z-scores and status appear as you type. Nothing is saved.",
  },
  sex: { mr: 'लिंग', en: 'Sex' },
  girl: { mr: 'मुलगी', en: 'Girl' },
  boy: { mr: 'मुलगा', en: 'Boy' },
  ageBy: { mr: 'वय कसे द्यायचे', en: 'Age given as' },
  byDob: { mr: 'जन्मतारीख', en: 'Date of birth' },
  byDays: { mr: 'वय (दिवस)', en: 'Age in days' },
  dob: { mr: 'जन्मतारीख', en: 'Date of birth' },
  ageDays: { mr: 'वय (दिवस)', en: 'Age (days)' },
  measuredOn: { mr: 'मोजमापाची तारीख', en: 'Date of measurement' },
  weight: { mr: 'वजन (किलो)', en: 'Weight (kg)' },
  lengthHeight: { mr: 'लांबी / उंची (सेमी)', en: 'Length / height (cm)' },
  measure: { mr: 'कसे मोजले', en: 'Measured' },
  lying: { mr: 'झोपवून (लांबी)', en: 'Lying (length)' },
  standing: { mr: 'उभे राहून (उंची)', en: 'Standing (height)' },
  unknown: { mr: 'माहीत नाही', en: 'Not known' },
  muac: { mr: 'दंडघेर MUAC (मिमी)', en: 'MUAC (mm)' },
  oedema: { mr: 'दोन्ही पायांवर सूज (bilateral pitting oedema)', en: 'Bilateral pitting oedema' },
  notANumber: { mr: 'संख्या लिहा (उदा. 6.2).', en: 'Enter a number (e.g. 6.2).' },
  needSexAge: { mr: 'निकालासाठी लिंग आणि वय (किंवा जन्मतारीख) द्या.', en: 'Give the sex and the age (or date of birth) to see results.' },
  result: { mr: 'निकाल', en: 'Result' },
  age: { mr: 'वय', en: 'Age' },
  months: { mr: 'महिने', en: 'months' },
  days: { mr: 'दिवस', en: 'days' },
  years: { mr: 'वर्षे', en: 'years' },
  cm: { mr: 'सेमी', en: 'cm' },
  assessed: { mr: 'मूल्यांकित', en: 'assessed' },
  notAssessed: { mr: 'लागू नाही / माहिती अपुरी', en: 'not applicable or incomplete' },
  zScore: { mr: 'z-स्कोअर', en: 'z-score' },
  usedLength: { mr: 'वापरलेली लांबी/उंची', en: 'Length/height used' },
  chart: { mr: 'वाढीचा तक्ता', en: 'Growth chart' },
  wfaChart: { mr: 'वयानुसार वजन', en: 'Weight-for-age' },
  hfaChart: { mr: 'वयानुसार लांबी/उंची', en: 'Length/height-for-age' },
  ageMonthsAxis: { mr: 'वय (महिने)', en: 'Age (months)' },
  ageYearsAxis: { mr: 'वय (वर्षे)', en: 'Age (years)' },
  weightAxis: { mr: 'वजन (किलो)', en: 'Weight (kg)' },
  heightAxis: { mr: 'लांबी / उंची (सेमी)', en: 'Length / height (cm)' },
  noCurve: { mr: 'या वयासाठी WHO वक्र नाही.', en: 'WHO has no curve for this age.' },
  voided: { mr: 'रद्द नोंद', en: 'voided entry' },
  median: { mr: 'मध्यक', en: 'median' },
  warnings: { mr: 'तपासा', en: 'Check' },
  batch: { mr: 'एकत्रित वर्गीकरण (CSV)', en: 'Batch classification (CSV)' },
  batchHint: {
    mr: 'एका CSV फाइलमधील सर्व बालकांचे z-स्कोअर व स्थिती काढा. आवश्यक स्तंभ: sex (m/f), age_days. पर्यायी: weight_kg, lenhei_cm, measure (l/h), oedema (y/n), muac_mm. इतर स्तंभ तसेच राहतात.',
    en: 'Z-scores and status for every child in a CSV file. Required columns: sex (m/f), age_days. Optional: weight_kg, lenhei_cm, measure (l/h), oedema (y/n), muac_mm. Other columns are kept as they are.',
  },
  batchFile: { mr: 'CSV फाइल निवडा', en: 'Choose a CSV file' },
  template: { mr: 'नमुना CSV डाउनलोड करा', en: 'Download a sample CSV' },
  classifying: { mr: 'वर्गीकरण सुरू आहे…', en: 'Classifying…' },
  reading: { mr: 'फाइल वाचत आहे…', en: 'Reading the file…' },
  rowsDone: { mr: 'ओळींचे वर्गीकरण झाले', en: 'rows classified' },
  download: { mr: 'वर्गीकृत CSV डाउनलोड करा', en: 'Download the classified CSV' },
  indicator: { mr: 'निर्देशक', en: 'Indicator' },
  status: { mr: 'स्थिती', en: 'Status' },
  count: { mr: 'संख्या', en: 'Count' },
  share: { mr: 'टक्के', en: 'Per cent' },
  errorsRows: { mr: 'न वाचता आलेल्या ओळी (error स्तंभ पहा)', en: 'Unreadable rows (see the error column)' },
  flagsTitle: { mr: 'सूचना (flags)', en: 'Flags' },
  tooLarge: { mr: 'फाइल खूप मोठी आहे (कमाल 20 MB). फाइल विभागून पुन्हा प्रयत्न करा.', en: 'The file is too large (at most 20 MB). Split it and try again.' },
  uploadFailed: {
    mr: 'फाइल पाठवता आली नाही. ती खूप मोठी असू शकते; फाइल विभागून पुन्हा प्रयत्न करा.',
    en: 'The file could not be sent. It may be too large; split it and try again.',
  },
  supervisorsOnly: { mr: 'एकत्रित वर्गीकरण फक्त पर्यवेक्षक/प्रशासक करू शकतात.', en: 'Batch classification is for supervisors and administrators.' },
  attribution: { mr: 'वाढ मानके: जागतिक आरोग्य संघटना (WHO)', en: 'Growth standards: World Health Organization (WHO)' },
} satisfies Record<string, BilingualText>;

export const INDICATOR_LABELS: Record<StatusIndicator, BilingualText> = {
  wfa: { mr: 'वयानुसार वजन', en: 'Weight-for-age' },
  wasting: { mr: 'उंचीनुसार वजन / MUAC (तीव्र कुपोषण)', en: 'Wasting (acute malnutrition)' },
  stunting: { mr: 'बुटकेपणा (वयानुसार उंची)', en: 'Stunting (height-for-age)' },
  thinness: { mr: 'कृशता (BMI, 5–19 वर्षे)', en: 'Thinness (BMI, 5–19 years)' },
};

export const Z_LABELS = {
  waz: { mr: 'वयानुसार वजन (WAZ)', en: 'Weight-for-age (WAZ)' },
  haz: { mr: 'वयानुसार उंची (HAZ)', en: 'Length/height-for-age (HAZ)' },
  whz: { mr: 'उंचीनुसार वजन (WHZ)', en: 'Weight-for-length/height (WHZ)' },
  baz: { mr: 'वयानुसार BMI (BAZ)', en: 'BMI-for-age (BAZ)' },
} as const satisfies Record<string, BilingualText>;

/** What the status was decided on, in words the operator knows from the paper register. */
export const BASIS_LABELS: Record<string, BilingualText> = {
  waz: { mr: 'WAZ', en: 'WAZ' },
  whz: { mr: 'WHZ', en: 'WHZ' },
  haz: { mr: 'HAZ', en: 'HAZ' },
  baz: { mr: 'BAZ', en: 'BAZ' },
  muac: { mr: 'MUAC', en: 'MUAC' },
  oedema: { mr: 'सूज', en: 'oedema' },
};

/** Engine flags as warnings; the ones with a fuller quality warning are shown through that instead. */
export const FLAG_LABELS: Record<NutritionFlag, BilingualText> = {
  waz_implausible: { mr: 'WAZ अशक्य वाटतो (−6 पेक्षा कमी किंवा +5 पेक्षा जास्त)', en: 'WAZ implausible (below −6 or above +5)' },
  haz_implausible: { mr: 'HAZ अशक्य वाटतो (±6 च्या बाहेर)', en: 'HAZ implausible (beyond ±6)' },
  whz_implausible: { mr: 'WHZ अशक्य वाटतो (±5 च्या बाहेर)', en: 'WHZ implausible (beyond ±5)' },
  baz_implausible: { mr: 'BAZ अशक्य वाटतो (±5 च्या बाहेर)', en: 'BAZ implausible (beyond ±5)' },
  standing_under_9_months: { mr: '९ महिन्यांखालील बाळाची उंची उभे राहून मोजली', en: 'Standing height under 9 months' },
  oedema: {
    mr: 'सूज आहे: वजनावर आधारित z-स्कोअर काढले जात नाहीत; बालक SAM धरले आहे.',
    en: 'Oedema: weight-based z-scores are not computed; the child counts as SAM.',
  },
  whz_length_out_of_range: {
    mr: 'लांबी/उंची WHO उंचीनुसार वजन तक्त्याच्या मर्यादेबाहेर (45–110 / 65–120 सेमी): WHZ नाही.',
    en: 'Length/height outside the WHO weight-for-length/height range (45–110 / 65–120 cm): no WHZ.',
  },
  muac_age_out_of_range: {
    mr: 'MUAC फक्त 6–59 महिन्यांच्या बालकांसाठी वापरला जातो.',
    en: 'MUAC is used only for children aged 6–59 months.',
  },
  age_out_of_range: { mr: 'वय 19 वर्षांपेक्षा जास्त: WHO संदर्भ नाही.', en: 'Older than 19 years: no WHO reference.' },
};

/** The batch count keys (`wfa_status:suw`) group by these columns, in this order. */
export const STATUS_COLUMNS: { column: string; indicator: StatusIndicator }[] = [
  { column: 'wfa_status', indicator: 'wfa' },
  { column: 'wasting_status', indicator: 'wasting' },
  { column: 'stunting_status', indicator: 'stunting' },
  { column: 'thinness_status', indicator: 'thinness' },
];

export const SAMPLE_CSV = [
  'child_id,awc,sex,age_days,weight_kg,lenhei_cm,measure,oedema,muac_mm',
  'C-001,Molgi,f,426,6.2,72,l,n,108',
  'C-002,Molgi,m,683,10.4,84.8,l,n,149',
  'C-003,Khapar,f,1200,12.9,92.1,h,n,131',
].join('\r\n');
