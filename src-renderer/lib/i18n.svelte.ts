import type { BilingualText } from '../../src-main/common/problem.ts';

export type Language = 'mr' | 'en';

const STORED = 'mts.language';

/** The operator's language; before log-in, the last one used on this PC. */
export const ui = $state<{ language: Language }>({
  language: (localStorage.getItem(STORED) as Language | null) ?? 'mr',
});

export function setUiLanguage(language: Language): void {
  ui.language = language;
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language;
}

/** Picks the operator's language from a bilingual text. */
export function t(text: BilingualText): string {
  return text[ui.language];
}

/** The other language, shown small under labels so both readers of the paper form find their way. */
export function other(text: BilingualText): string {
  return text[ui.language === 'mr' ? 'en' : 'mr'];
}

export const L = {
  appName: { mr: 'स्थलांतर ट्रॅकिंग प्रणाली — प्रकल्प कार्यालय', en: 'Migration Tracking System — Block Office' },
  gov: { mr: 'महाराष्ट्र शासन · एकात्मिक बाल विकास सेवा', en: 'Government of Maharashtra · ICDS' },
  register: { mr: 'नोंदणी', en: 'Register' },
  search: { mr: 'शोध', en: 'Search' },
  migrations: { mr: 'स्थलांतर', en: 'Migrations' },
  cards: { mr: 'कार्डे', en: 'Cards' },
  sync: { mr: 'समक्रमण', en: 'Sync' },
  reports: { mr: 'अहवाल', en: 'Reports' },
  settings: { mr: 'सेटिंग्ज', en: 'Settings' },
  login: { mr: 'लॉगिन', en: 'Log in' },
  logout: { mr: 'लॉगआउट', en: 'Log out' },
  lock: { mr: 'लॉक करा', en: 'Lock' },
  unlock: { mr: 'उघडा', en: 'Unlock' },
  username: { mr: 'वापरकर्ता नाव', en: 'Username' },
  password: { mr: 'पासवर्ड', en: 'Password' },
  confirmPassword: { mr: 'पासवर्ड पुन्हा', en: 'Confirm password' },
  fullName: { mr: 'पूर्ण नाव', en: 'Full name' },
  role: { mr: 'भूमिका', en: 'Role' },
  language: { mr: 'भाषा', en: 'Language' },
  next: { mr: 'पुढे', en: 'Next' },
  back: { mr: 'मागे', en: 'Back' },
  save: { mr: 'जतन करा', en: 'Save' },
  cancel: { mr: 'रद्द करा', en: 'Cancel' },
  loading: { mr: 'लोड होत आहे…', en: 'Loading…' },
  working: { mr: 'काम सुरू आहे…', en: 'Working…' },
  locked: { mr: 'स्क्रीन लॉक आहे', en: 'Screen locked' },
  lockedHint: { mr: 'पुढे काम करण्यासाठी तुमचा पासवर्ड टाका.', en: 'Enter your password to continue.' },
  signedInAs: { mr: 'लॉगिन:', en: 'Signed in:' },
  roleOperator: { mr: 'डेटा एंट्री ऑपरेटर', en: 'Data entry operator' },
  roleSupervisor: { mr: 'पर्यवेक्षक', en: 'Supervisor' },
  roleAdmin: { mr: 'प्रशासक', en: 'Administrator' },
} satisfies Record<string, BilingualText>;

export const ROLE_LABEL = { operator: L.roleOperator, supervisor: L.roleSupervisor, admin: L.roleAdmin } as const;
