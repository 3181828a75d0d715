/**
 * The household registration form, in paper order. The entry screen and the printed (blank and filled) forms are
 * both generated from this list, so they cannot drift apart. Pure data: no imports, no behaviour.
 *
 * Keys are stable identifiers: stored drafts, validation messages and printouts refer to them, so rename never;
 * add new fields with new keys.
 */

export interface Bilingual {
  readonly mr: string;
  readonly en: string;
}

export type FieldKind = 'text' | 'digits' | 'date' | 'choice' | 'number' | 'check';

export interface FormOption {
  readonly value: string;
  readonly label: Bilingual;
}

export interface FormField {
  readonly key: string;
  readonly label: Bilingual;
  readonly kind: FieldKind;
  /** Fixed options of a 'choice'. */
  readonly options?: readonly FormOption[];
  /** A 'choice' whose options come from master data (the operator picks, never types). */
  readonly lookup?: 'awc' | 'state' | 'district' | 'block' | 'mother';
  /** 'digits': exact number of digits (one box each on paper). */
  readonly length?: number;
  /** 'digits' of varying length: fewest and most digits (the paper has `maxLength` boxes). */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** 'text': the script the value is written in. */
  readonly script?: 'deva' | 'latn';
  /** 'number': unit printed after the boxes, and decimals accepted. */
  readonly unit?: string;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  /** 'text': most characters accepted (the API contract uses the same limit). */
  readonly maxChars?: number;
  /** Regular expression source the whole value must match (checked by the entry screen). */
  readonly pattern?: string;
  readonly required?: boolean;
  /** Aadhaar: the full number is entered once, then only its mask is ever shown or printed. */
  readonly sensitive?: 'aadhaar';
  /** Shown only when another field of the same block has this value (e.g. LMP only if pregnant). */
  readonly showIf?: { readonly key: string; readonly equals: string | boolean };
  /**
   * Shown only for members in one of these groups (pregnant, lactating, child under 6), judged from the
   * block's other fields; the paper form prints it for everyone with this as its hint.
   */
  readonly onlyFor?: readonly ('pregnant' | 'lactating' | 'young-child' | 'childbearing-woman')[];
  readonly hint?: Bilingual;
}

export interface FormSection {
  readonly key: string;
  readonly label: Bilingual;
  /**
   * A repeated block (household members): at least `min`, with `paperCount` empty blocks on the blank form.
   * `firstIsHead`: block 1 is the head of household (relation "self"), so the head's name is written once.
   */
  readonly repeat?: { readonly min: number; readonly paperCount: number; readonly firstIsHead?: boolean };
  readonly fields: readonly FormField[];
}

export interface FormDefinition {
  readonly key: string;
  readonly version: number;
  readonly title: Bilingual;
  readonly sections: readonly FormSection[];
}

/** Length limits shared by the entry screen and the API contract. */
export const NAME_MAX_CHARS = 120;
export const VILLAGE_MAX_CHARS = 80;
export const PLACE_MAX_CHARS = 120;

/**
 * Pregnancy and lactation are recorded for women of reproductive age only (ICDS/RCH: 15–49 years); the
 * screen does not offer them outside it and the backend refuses them.
 */
export const CHILDBEARING_AGE = { min: 15, max: 49 } as const;

export const SOCIAL_CATEGORY_OPTIONS: readonly FormOption[] = [
  { value: 'SC', label: { mr: 'अनुसूचित जाती (SC)', en: 'Scheduled Caste (SC)' } },
  { value: 'ST', label: { mr: 'अनुसूचित जमाती (ST)', en: 'Scheduled Tribe (ST)' } },
  { value: 'OBC', label: { mr: 'इतर मागास वर्ग (OBC)', en: 'Other Backward Class (OBC)' } },
  { value: 'VJNT', label: { mr: 'विमुक्त जाती / भटक्या जमाती (VJ/NT)', en: 'Vimukta Jati / Nomadic Tribes (VJ/NT)' } },
  { value: 'SBC', label: { mr: 'विशेष मागास प्रवर्ग (SBC)', en: 'Special Backward Class (SBC)' } },
  { value: 'GEN', label: { mr: 'खुला प्रवर्ग', en: 'General' } },
  { value: 'OTHER', label: { mr: 'इतर', en: 'Other' } },
];

export const WORK_SECTOR_OPTIONS: readonly FormOption[] = [
  { value: 'sugarcane-cutting', label: { mr: 'ऊसतोड', en: 'Sugarcane cutting' } },
  { value: 'sugar-factory', label: { mr: 'साखर कारखाना', en: 'Sugar factory' } },
  { value: 'brick-kiln', label: { mr: 'वीटभट्टी', en: 'Brick kiln' } },
  { value: 'construction', label: { mr: 'बांधकाम', en: 'Construction' } },
  { value: 'stone-crushing', label: { mr: 'खडी क्रशर', en: 'Stone crushing' } },
  { value: 'agricultural-labour', label: { mr: 'शेतमजुरी', en: 'Agricultural labour' } },
  { value: 'other', label: { mr: 'इतर', en: 'Other' } },
];

export const SEX_OPTIONS: readonly FormOption[] = [
  { value: 'F', label: { mr: 'स्त्री', en: 'Female' } },
  { value: 'M', label: { mr: 'पुरुष', en: 'Male' } },
  { value: 'O', label: { mr: 'इतर', en: 'Other' } },
];

export const RELATION_OPTIONS: readonly FormOption[] = [
  { value: 'self', label: { mr: 'स्वतः (कुटुंबप्रमुख)', en: 'Self (head)' } },
  { value: 'spouse', label: { mr: 'पती / पत्नी', en: 'Husband / wife' } },
  { value: 'son', label: { mr: 'मुलगा', en: 'Son' } },
  { value: 'daughter', label: { mr: 'मुलगी', en: 'Daughter' } },
  { value: 'daughter-in-law', label: { mr: 'सून', en: 'Daughter-in-law' } },
  { value: 'grandchild', label: { mr: 'नातू / नात', en: 'Grandchild' } },
  { value: 'parent', label: { mr: 'आई / वडील', en: 'Mother / father' } },
  { value: 'sibling', label: { mr: 'भाऊ / बहीण', en: 'Brother / sister' } },
  { value: 'other', label: { mr: 'इतर', en: 'Other' } },
];

export const POSTURE_OPTIONS: readonly FormOption[] = [
  { value: 'lying', label: { mr: 'झोपवून (लांबी)', en: 'Lying (length)' } },
  { value: 'standing', label: { mr: 'उभे (उंची)', en: 'Standing (height)' } },
];

export const HOUSEHOLD_REGISTRATION_FORM: FormDefinition = {
  key: 'household-registration',
  version: 2,
  title: { mr: 'स्थलांतरित कुटुंब नोंदणी अर्ज', en: 'Migrant household registration form' },
  sections: [
    {
      key: 'household',
      label: { mr: 'कुटुंबाची माहिती', en: 'Household' },
      fields: [
        {
          key: 'awc',
          label: { mr: 'अंगणवाडी केंद्र (सांकेतांक / नाव)', en: 'Anganwadi centre (code / name)' },
          kind: 'choice',
          lookup: 'awc',
          required: true,
        },
        {
          key: 'contactNumber',
          label: { mr: 'संपर्क क्रमांक', en: 'Contact number' },
          kind: 'digits',
          length: 10,
          pattern: '^[6-9][0-9]{9}$',
          hint: { mr: '१० अंकी मोबाईल, पहिला अंक ६–९', en: '10-digit mobile, first digit 6–9' },
        },
        {
          key: 'nativeVillage',
          label: { mr: 'मूळ गाव', en: 'Native village' },
          kind: 'text',
          required: true,
          maxChars: VILLAGE_MAX_CHARS,
          hint: { mr: 'अंगणवाडीचे गाव आपोआप; वेगळे असल्यास बदला', en: 'the AWC’s village unless changed' },
        },
        {
          key: 'socialCategory',
          label: { mr: 'सामाजिक प्रवर्ग', en: 'Social category' },
          kind: 'choice',
          options: SOCIAL_CATEGORY_OPTIONS,
        },
      ],
    },
    {
      key: 'identity',
      label: { mr: 'कुटुंबप्रमुखाची ओळखपत्रे', en: 'Identity documents of the head' },
      fields: [
        {
          key: 'aadhaar',
          label: { mr: 'आधार क्रमांक', en: 'Aadhaar number' },
          kind: 'digits',
          length: 12,
          sensitive: 'aadhaar',
          hint: {
            mr: 'संगणकात फक्त शेवटचे ४ अंक दिसतील',
            en: 'only the last 4 digits are ever shown again',
          },
        },
        { key: 'pan', label: { mr: 'पॅन', en: 'PAN' }, kind: 'text', maxChars: 12, pattern: '^[A-Z]{5}[0-9]{4}[A-Z]$' },
        { key: 'rationCard', label: { mr: 'शिधापत्रिका क्रमांक', en: 'Ration card number' }, kind: 'text', maxChars: 20 },
        {
          key: 'voterId',
          label: { mr: 'मतदार ओळखपत्र (EPIC)', en: 'Voter ID (EPIC)' },
          kind: 'text',
          maxChars: 12,
          pattern: '^[A-Z]{3}[0-9]{7}$',
        },
        {
          key: 'mgnregaJobCard',
          label: { mr: 'मनरेगा जॉब कार्ड', en: 'MGNREGA job card' },
          kind: 'text',
          maxChars: 40,
        },
      ],
    },
    {
      key: 'member',
      label: { mr: 'कुटुंबातील सदस्य', en: 'Household member' },
      repeat: { min: 1, paperCount: 6, firstIsHead: true },
      fields: [
        {
          key: 'nameMr',
          label: { mr: 'नाव (मराठी)', en: 'Name (Devanagari)' },
          kind: 'text',
          script: 'deva',
          required: true,
          maxChars: NAME_MAX_CHARS,
        },
        {
          key: 'nameEn',
          label: { mr: 'नाव (इंग्रजी)', en: 'Name (Latin)' },
          kind: 'text',
          script: 'latn',
          required: true,
          maxChars: NAME_MAX_CHARS,
        },
        // Before the sex: a son, a daughter or the head's wife says the sex, so the screen fills it in.
        {
          key: 'relation',
          label: { mr: 'कुटुंबप्रमुखाशी नाते', en: 'Relation to head' },
          kind: 'choice',
          options: RELATION_OPTIONS,
          required: true,
          hint: { mr: 'सदस्य १ = कुटुंबप्रमुख (स्वतः)', en: 'member 1 is the head (self)' },
        },
        { key: 'sex', label: { mr: 'लिंग', en: 'Sex' }, kind: 'choice', options: SEX_OPTIONS, required: true },
        { key: 'dateOfBirth', label: { mr: 'जन्मतारीख', en: 'Date of birth' }, kind: 'date' },
        {
          key: 'declaredAgeYears',
          label: { mr: 'सांगितलेले वय (वर्षे, अंदाजे)', en: 'Declared age (years, estimated)' },
          kind: 'number',
          min: 0,
          max: 120,
          hint: { mr: 'जन्मतारीख माहीत नसल्यास', en: 'only if date of birth is not known' },
        },
        {
          key: 'pregnant',
          label: { mr: 'गरोदर', en: 'Pregnant' },
          kind: 'check',
          showIf: { key: 'sex', equals: 'F' },
          onlyFor: ['childbearing-woman'],
          hint: { mr: 'स्त्री, वय १५–४९', en: 'women aged 15–49' },
        },
        {
          key: 'lmp',
          label: { mr: 'शेवटच्या मासिक पाळीची तारीख (LMP)', en: 'Last menstrual period (LMP)' },
          kind: 'date',
          showIf: { key: 'pregnant', equals: true },
        },
        {
          key: 'lactating',
          label: { mr: 'स्तनदा माता', en: 'Lactating' },
          kind: 'check',
          showIf: { key: 'sex', equals: 'F' },
          onlyFor: ['childbearing-woman'],
          hint: { mr: 'स्त्री, वय १५–४९', en: 'women aged 15–49' },
        },
        {
          key: 'deliveryDate',
          label: { mr: 'प्रसूतीची तारीख', en: 'Delivery date' },
          kind: 'date',
          showIf: { key: 'lactating', equals: true },
        },
        {
          key: 'rchId',
          label: { mr: 'RCH आयडी (MCP कार्डवरील)', en: 'RCH ID (from the MCP card)' },
          kind: 'digits',
          minLength: 10,
          maxLength: 15,
          pattern: '^[0-9]{10,15}$',
          onlyFor: ['pregnant', 'lactating', 'young-child'],
          hint: { mr: 'गरोदर, स्तनदा, ६ वर्षांखालील बालक', en: 'pregnant, lactating, child under 6' },
        },
        {
          key: 'measuredOn',
          label: { mr: 'पहिले मोजमाप: दिनांक (बालक)', en: 'First measurement: date (child)' },
          kind: 'date',
        },
        { key: 'weightKg', label: { mr: 'वजन', en: 'Weight' }, kind: 'number', unit: 'kg', decimals: 2, min: 0.5, max: 80 },
        {
          key: 'heightCm',
          label: { mr: 'लांबी / उंची', en: 'Length / height' },
          kind: 'number',
          unit: 'cm',
          decimals: 1,
          min: 38,
          max: 200,
        },
        { key: 'posture', label: { mr: 'मोजण्याची पद्धत', en: 'Measured' }, kind: 'choice', options: POSTURE_OPTIONS },
        { key: 'muacMm', label: { mr: 'दंडघेर (MUAC)', en: 'MUAC' }, kind: 'number', unit: 'mm', min: 70, max: 350 },
        { key: 'oedema', label: { mr: 'दोन्ही पायांवर सूज', en: 'Bilateral oedema' }, kind: 'check' },
      ],
    },
    {
      key: 'migration',
      label: { mr: 'स्थलांतराचे नियोजन', en: 'Migration plan' },
      fields: [
        { key: 'departureDate', label: { mr: 'निघण्याची तारीख', en: 'Departure date' }, kind: 'date', required: true },
        {
          key: 'destinationState',
          label: { mr: 'जाण्याचे राज्य', en: 'Destination state' },
          kind: 'choice',
          lookup: 'state',
          required: true,
        },
        {
          key: 'destinationDistrict',
          label: { mr: 'जिल्हा (महाराष्ट्रात)', en: 'District (in Maharashtra)' },
          kind: 'choice',
          lookup: 'district',
          showIf: { key: 'destinationState', equals: 'MH' },
        },
        {
          key: 'destinationBlock',
          label: { mr: 'तालुका / प्रकल्प (महाराष्ट्रात)', en: 'Block (in Maharashtra)' },
          kind: 'choice',
          maxChars: VILLAGE_MAX_CHARS,
          lookup: 'block',
          showIf: { key: 'destinationState', equals: 'MH' },
        },
        {
          key: 'destinationPlace',
          label: { mr: 'गाव किंवा कामाचे ठिकाण', en: 'Village or worksite' },
          kind: 'text',
          maxChars: PLACE_MAX_CHARS,
        },
        {
          key: 'workSector',
          label: { mr: 'कामाचा प्रकार', en: 'Work sector' },
          kind: 'choice',
          options: WORK_SECTOR_OPTIONS,
          required: true,
        },
        {
          key: 'employer',
          label: { mr: 'मालक किंवा मुकादम', en: 'Employer or labour contractor (mukadam)' },
          kind: 'text',
          maxChars: PLACE_MAX_CHARS,
        },
        { key: 'expectedReturn', label: { mr: 'परत येण्याची अपेक्षित तारीख', en: 'Expected return' }, kind: 'date' },
      ],
    },
  ],
};

export const BIRTH_PLACE_OPTIONS: readonly FormOption[] = [
  { value: 'institution', label: { mr: 'दवाखाना / रुग्णालय', en: 'Health facility' } },
  { value: 'home', label: { mr: 'घरी', en: 'At home' } },
  { value: 'other', label: { mr: 'इतर (प्रवासात, कामाच्या ठिकाणी)', en: 'Other (on the way, at the worksite)' } },
];

/**
 * A child born after the household was registered, added from the household page: the birth details of the
 * MCP card. Not part of the registration form (a newborn there is keyed like any member).
 */
export const NEWBORN_SECTION: FormSection = {
  key: 'newborn',
  label: { mr: 'जन्माची माहिती', en: 'Birth details' },
  fields: [
    { key: 'motherId', label: { mr: 'आई (याच कुटुंबातील)', en: 'Mother (in this household)' }, kind: 'choice', lookup: 'mother' },
    { key: 'birthWeightKg', label: { mr: 'जन्मतः वजन', en: 'Birth weight' }, kind: 'number', unit: 'kg', decimals: 2, min: 0.3, max: 7 },
    { key: 'birthPlace', label: { mr: 'प्रसूतीचे ठिकाण', en: 'Place of delivery' }, kind: 'choice', options: BIRTH_PLACE_OPTIONS },
  ],
};
