// Names in two scripts: romanisation of Marathi names, a Devanagari proposal for Latin input, and a
// phonetic key that is equal for spelling variants in either script.
import {
  devanagariToPhonemes,
  hasDevanagari,
  isConsonantPhoneme,
  isVowelPhoneme,
  phonemesToLooseLatin,
} from './devanagari.ts';
import { NAME_LEXICON } from './name-lexicon.ts';
import { Sanscript } from './sanscript.ts';

// ---------------------------------------------------------------------------------------------
// Tokens

const WORD_SPLIT = /[\s,;:/\\()[\]{}"'`_|\u2013\u2014\u0964\u0965-]+/;

// Titles written before a name; they are not part of it. Compared after lower-casing.
const HONORIFICS = new Set([
  'shri', 'shree', 'sri', 'shrimati', 'shreemati', 'smt', 'sou', 'sau', 'kum', 'ku', 'kumari', 'mr',
  'mrs', 'ms', 'miss', 'dr', 'late', 'kai', 'श्री', 'श्रीमती', 'श्रीम', 'सौ', 'कु', 'कुमारी', 'कै',
  'डॉ', 'स्व', 'स्वर्गीय',
]);

interface NameWord {
  readonly text: string;
  /** An abbreviation of a word (S., R, रा., आर.): says little, so matching ignores it. */
  readonly initial: boolean;
}

function isInitial(text: string, dotted: boolean): boolean {
  if (text.length === 1) return /[A-Za-z]/.test(text);
  if (LETTER_NAME_WORDS.has(text)) return true;
  return dotted && text.length <= 3 && hasDevanagari(text);
}

function splitName(name: string): NameWord[] {
  const words: NameWord[] = [];
  for (const piece of String(name ?? '').split(WORD_SPLIT)) {
    if (piece.length === 0) continue;
    if (!piece.includes('.')) {
      words.push({ text: piece, initial: isInitial(piece, false) });
      continue;
    }
    const parts = piece.split('.');
    for (let i = 0; i < parts.length; i++) {
      const text = parts[i]!;
      if (text.length > 0) words.push({ text, initial: isInitial(text, i < parts.length - 1) });
    }
  }
  while (words.length > 1 && HONORIFICS.has(words[0]!.text.toLowerCase())) words.shift();
  return words;
}

/** Words of a name, without separators and without leading titles (श्री, Smt., Kum. …). */
export function nameTokens(name: string): string[] {
  return splitName(name).map((w) => w.text);
}

// ---------------------------------------------------------------------------------------------
// Devanagari → Latin

/**
 * Which inherent vowels are silent. Marathi, like Hindi, drops the schwa at the end of a word and
 * in the middle of a word between a vowel-consonant and a consonant-vowel (रामदास → Ramdas,
 * कमला → Kamla), deciding right to left so that two neighbouring schwas are not both dropped.
 * A final schwa stays after a conjunct ending in r, y, v or a nasal (चंद्र → Chandra, कृष्ण → Krushna).
 */
const SONORANTS = 'rlLnRmyv';
const LIQUIDS = 'rlLR';
const NASALS_AND_LIQUIDS = 'mnNYRrlL';

function silentSchwas(ph: string): boolean[] {
  const n = ph.length;
  const silent = new Array<boolean>(n).fill(false);
  const last = n - 1;
  if (last >= 1 && ph[last] === '@') {
    let otherVowel = false;
    for (let i = 0; i < last; i++) if (isVowelPhoneme(ph[i])) otherVowel = true;
    const c1 = ph[last - 1];
    const c2 = ph[last - 2];
    const heavyCluster = isConsonantPhoneme(c1) && isConsonantPhoneme(c2) && 'ryvnRmN'.includes(c1!);
    if (otherVowel && !heavyCluster) silent[last] = true;
  }
  // Latin spelling keeps the schwa of the last-but-one syllable before r, l, ळ or ण and a word-final
  // vowel, unless a nasal or liquid precedes it (भोसले → Bhosale, ठाकरे → Thakare, कोकणी → Kokani,
  // गडकरी → Gadkari, but कमला → Kamla): Bhosle or Thakre are heard, yet rarely written.
  const kept = new Array<boolean>(n).fill(false);
  const penult = last - 2;
  if (penult >= 2 && ph[penult] === '@' && LIQUIDS.includes(ph[penult + 1]!) && isVowelPhoneme(ph[last]) && ph[last] !== '@') {
    if (isConsonantPhoneme(ph[penult - 1]) && !NASALS_AND_LIQUIDS.includes(ph[penult - 1]!)) kept[penult] = true;
  }
  // Where two schwas compete (…VCəCəCV…), the one after a sonorant goes first: the sonorant
  // closes the syllable (घोरपडे → Ghorpade, नागरगोजे → Nagargoje).
  for (const sonorantPass of [true, false]) {
    for (let i = last - 1; i >= 2; i--) {
      if (ph[i] !== '@' || silent[i] || kept[i]) continue;
      if (SONORANTS.includes(ph[i - 1]!) !== sonorantPass) continue;
      if (!isConsonantPhoneme(ph[i - 1]) || !isVowelPhoneme(ph[i - 2]) || silent[i - 2]) continue;
      if (!isConsonantPhoneme(ph[i + 1])) continue;
      const after = ph[i + 2];
      if (!isVowelPhoneme(after) || silent[i + 2]) continue;
      silent[i] = true;
    }
  }
  return silent;
}

const NATURAL: Readonly<Record<string, string>> = {
  'a': 'a', 'A': 'a', '@': 'a', 'i': 'i', 'I': 'i', 'u': 'u', 'U': 'u', 'f': 'ru', 'x': 'lri',
  'e': 'e', 'E': 'ai', 'o': 'o', 'O': 'au', 'H': 'h', '~': 'n',
  'k': 'k', 'K': 'kh', 'g': 'g', 'G': 'gh', 'N': 'n', 'c': 'ch', 'C': 'chh', 'j': 'j', 'J': 'z',
  'Y': 'n', 'w': 't', 'W': 'th', 'q': 'd', 'Q': 'dh', 'R': 'n', 't': 't', 'T': 'th', 'd': 'd',
  'D': 'dh', 'n': 'n', 'p': 'p', 'P': 'ph', 'b': 'b', 'B': 'bh', 'm': 'm', 'y': 'y', 'r': 'r',
  'l': 'l', 'S': 'sh', 'z': 'sh', 's': 's', 'h': 'h', 'L': 'l', 'Z': 'z', 'F': 'f',
};

const LABIALS = 'pPbBm';

function romaniseDevanagariWord(word: string): string {
  const ph = devanagariToPhonemes(word);
  const silent = silentSchwas(ph);
  const seq: string[] = [];
  // Whether a silent schwa stood just before seq[i]: such a consonant pair is spoken together but not a
  // written conjunct, which matters for व (वळवी → Valvi, but अश्विनी → Ashwini).
  const afterSilentSchwa: boolean[] = [];
  for (let i = 0; i < ph.length; i++) {
    if (silent[i]) continue;
    afterSilentSchwa.push(i > 0 && silent[i - 1]!);
    seq.push(ph[i]!);
  }
  let out = '';
  for (let i = 0; i < seq.length; i++) {
    const p = seq[i]!;
    const prev = seq[i - 1];
    const next = seq[i + 1];
    if (p === 'M') {
      out += next !== undefined && LABIALS.includes(next) ? 'm' : 'n';
    } else if (p === 'j' && next === 'Y') {
      out += 'dny'; // ज्ञ: Maharashtra writes Dnyaneshwar, Pradnya
      i++;
    } else if (p === 'k' && next === 'z' && seq[i + 2] === 'm') {
      out += 'x'; // क्ष्म: Maharashtra writes Laxman, Laxmi, Laxmikant
      i++;
    } else if (p === 'c' && next === 'C') {
      // च्छ: written "chh" once (Ichha), not "chchh"
    } else if (p === 'v') {
      if (next === 'h' && isVowelPhoneme(seq[i + 2])) {
        out += 'wh'; // व्ह: Awhad, Owhal
        i++;
      } else if (i === seq.length - 1 && prev === 'A' && seq[i - 2] === 'r') {
        out += 'o'; // word-final राव: Rao (Bhimrao, Babarao)
      } else if (afterSilentSchwa[i] && (next === 'i' || next === 'I')) {
        out += 'v'; // -वी after a spoken-together consonant: Valvi, Padvi, Tadvi, Satvi
      } else if (i > 0 && isConsonantPhoneme(prev) && !'rTD'.includes(prev!)) {
        out += 'w'; // after a consonant: Dnyaneshwar, Ashwini, Bhagwat
      } else if (prev === '@' && next === 'A') {
        out += 'w'; // Pawar
      } else {
        out += 'v';
      }
    } else if (p === next && NATURAL[p]!.length === 2 && NATURAL[p]!.endsWith('h')) {
      out += NATURAL[p]![0]; // doubled aspirate ठ्ठ, थ्थ: Vitthal, not Viththal
    } else if (p >= '0' && p <= '9') {
      out += p;
    } else {
      out += NATURAL[p] ?? '';
    }
  }
  return out;
}

function titleCase(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Lexicon

interface LexiconEntry {
  readonly devanagari: string;
  readonly latin: string;
}

const LATIN_BY_DEVANAGARI = new Map<string, string>();
const DEVANAGARI_BY_SPELLING = new Map<string, string>();

/** Spelling-level normalisation for lexicon look-ups only (keeps vowel quality, unlike phoneticKey). */
function spellingKey(latin: string): string {
  return latin
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/^(gy|jn|gn)/, 'dny')
    .replace(/sc(?=[ie])/g, 'sh')
    .replace(/x/g, 'ksh')
    .replace(/w/g, 'v')
    .replace(/th/g, 't')
    .replace(/ee|ii/g, 'i')
    .replace(/oo|uu/g, 'u')
    .replace(/ou/g, 'au')
    .replace(/aa/g, 'a')
    .replace(/(.)\1+/g, '$1');
}

function loadLexicon(): void {
  for (const line of NAME_LEXICON) {
    const [devanagari, explicit] = line.split('=') as [string, string | undefined];
    const ruled = titleCase(romaniseDevanagariWord(devanagari));
    const entry: LexiconEntry = { devanagari, latin: explicit ?? ruled };
    if (!LATIN_BY_DEVANAGARI.has(devanagari)) LATIN_BY_DEVANAGARI.set(devanagari, entry.latin);
    for (const spelling of [entry.latin, ruled]) {
      const key = spellingKey(spelling);
      if (!DEVANAGARI_BY_SPELLING.has(key)) DEVANAGARI_BY_SPELLING.set(key, devanagari);
    }
  }
}
loadLexicon();

/**
 * One Devanagari word romanised by the rules alone, without the lexicon's irregular spellings: lets the
 * name-list test report how much of its rate the rules earn.
 */
export function romaniseWordByRules(devanagari: string): string {
  return titleCase(romaniseDevanagariWord(devanagari));
}

/** Splits text into runs of Devanagari letters/marks and everything else. */
const DEVANAGARI_RUN = /([\u0900-\u0963\u0971-\u097f\u200c\u200d]+)/;

/**
 * Natural Title-Case romanisation of a Marathi name, as Maharashtra writes names in English:
 * सुनीता रामदास पवार → "Sunita Ramdas Pawar", ज्ञानेश्वर → "Dnyaneshwar", ळ → l, ऋ → ru.
 * Latin parts of the input are kept as they are.
 */
export function toLatinName(devanagari: string): string {
  return String(devanagari ?? '')
    .trim()
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s+$/.test(word)) return ' ';
      const known = LATIN_BY_DEVANAGARI.get(word);
      if (known !== undefined) return known;
      return word
        .split(DEVANAGARI_RUN)
        .map((part) => {
          if (!hasDevanagari(part)) return part.replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - 0x0966));
          return LATIN_BY_DEVANAGARI.get(part) ?? titleCase(romaniseDevanagariWord(part));
        })
        .join('');
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Latin → Devanagari (a proposal the operator edits)

// Initials are read out as English letter names, the way Marathi writes them (R. → आर.).
const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'ए', B: 'बी', C: 'सी', D: 'डी', E: 'ई', F: 'एफ', G: 'जी', H: 'एच', I: 'आय', J: 'जे', K: 'के',
  L: 'एल', M: 'एम', N: 'एन', O: 'ओ', P: 'पी', Q: 'क्यू', R: 'आर', S: 'एस', T: 'टी', U: 'यू',
  V: 'व्ही', W: 'डब्ल्यू', X: 'एक्स', Y: 'वाय', Z: 'झेड',
};
const LETTER_NAME_WORDS = new Set(Object.values(LETTER_NAMES));

// Longest first. Values are SLP1.
const CONSONANT_SPELLINGS: readonly (readonly [string, string])[] = [
  ['ksh', 'kz'], ['chh', 'C'], ['dny', 'jY'], ['gny', 'jY'], ['ch', 'c'], ['sh', 'S'], ['kh', 'K'],
  ['gh', 'G'], ['jh', 'J'], ['th', 'T'], ['dh', 'D'], ['ph', 'P'], ['bh', 'B'], ['x', 'kz'],
  ['k', 'k'], ['g', 'g'], ['c', 'k'], ['j', 'j'], ['t', 't'], ['d', 'd'], ['n', 'n'], ['p', 'p'],
  ['f', 'P'], ['b', 'b'], ['m', 'm'], ['y', 'y'], ['r', 'r'], ['l', 'l'], ['v', 'v'], ['w', 'v'],
  ['s', 's'], ['h', 'h'], ['z', 'J'], ['q', 'k'],
];
const VOWEL_SPELLINGS: readonly (readonly [string, string])[] = [
  ['aa', 'A'], ['ai', 'E'], ['ae', 'E'], ['au', 'O'], ['ou', 'O'], ['ee', 'I'], ['ii', 'I'],
  ['oo', 'U'], ['uu', 'U'], ['a', 'a'], ['i', 'i'], ['u', 'u'], ['e', 'e'], ['o', 'o'],
];

interface Unit {
  vowel: boolean;
  v: string;
}

function parseLatin(word: string): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  outer: while (i < word.length) {
    for (const [spelling, slp] of VOWEL_SPELLINGS) {
      if (word.startsWith(spelling, i)) {
        units.push({ vowel: true, v: slp });
        i += spelling.length;
        continue outer;
      }
    }
    for (const [spelling, slp] of CONSONANT_SPELLINGS) {
      if (word.startsWith(spelling, i)) {
        units.push({ vowel: false, v: slp });
        i += spelling.length;
        continue outer;
      }
    }
    i++; // not a letter we spell
  }
  return units;
}

// Stops, sibilants and h take an anusvara for a preceding nasal (Marathi spelling: शिंदे, संभाजी).
const ANUSVARA_BEFORE = new Set('kKgGcCjJwWqQtTdDpPbBSzsh'.split(''));

function latinWordToSlp1(raw: string): string {
  let w = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return '';
  // Vowel length that Latin spelling loses, for common Marathi name endings.
  w = w
    .replace(/sc(?=[ie])/g, 'sh')
    .replace(/ao$/, 'aav') // Rao → राव
    .replace(/(d|l|k|v|w|s)as$/, '$1aas') // Ramdas, Vilas, Vikas, Vishwas
    .replace(/(k|n|bh)ash$/, '$1aash') // Prakash, Avinash, Subhash
    .replace(/(r|y)am$/, '$1aam') // Tukaram, Shyam
    .replace(/raj$/, 'raaj') // Shivraj
    .replace(/kant$/, 'kaant')
    .replace(/([aeiou])([vw])ar$/, '$1$2aar') // Pawar
    .replace(/^([^aeiou]+)a([^aeiou]{1,2})e$/, '$1aa$2e') // Mane, Kale, Sathe
    .replace(/([^aeiou])aji$/, '$1aaji'); // Shivaji, Sambhaji
  const units = parseLatin(w);

  // ru after a consonant is the vowel ऋ (Krushna, Amruta, Pruthviraj); so is a leading "rush"/"rut".
  for (let k = 1; k + 1 < units.length; k++) {
    const u = units[k]!;
    if (!u.vowel && u.v === 'r' && units[k + 1]!.vowel && units[k + 1]!.v === 'u' && !units[k - 1]!.vowel) {
      units.splice(k, 2, { vowel: true, v: 'f' });
    }
  }
  if (units.length >= 3 && units[0]!.v === 'r' && units[1]!.v === 'u' && (units[2]!.v === 'S' || units[2]!.v === 't')) {
    units.splice(0, 2, { vowel: true, v: 'f' });
  }
  // ष before n, t, th (Krushna, Vishnu, Srushti); न after r/ऋ/ष with only a vowel between → ण.
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    if (!u.vowel && u.v === 'S' && ['n', 't', 'T'].includes(units[k + 1]?.v ?? '')) u.v = 'z';
    if (!u.vowel && (u.v === 't' || u.v === 'T') && units[k - 1]?.v === 'z') u.v = u.v === 't' ? 'w' : 'W'; // ष्ट, ष्ठ
    if (!u.vowel && u.v === 'n') {
      const a = units[k - 1];
      const b = units[k - 2];
      const retroflexBefore = (x: Unit | undefined): boolean => x !== undefined && !x.vowel && /[rz]$/.test(x.v);
      if (retroflexBefore(a) || (a?.vowel === true && (a.v === 'f' || retroflexBefore(b)))) u.v = 'R';
    }
  }
  // Word-final vowels: a → ā (Sunita → सुनिता), i → ī, u → ū (Marathi spelling rule), ai → āī (bai).
  const last = units[units.length - 1]!;
  if (last.vowel) {
    if (last.v === 'a') last.v = 'A';
    else if (last.v === 'i') last.v = 'I';
    else if (last.v === 'u') last.v = 'U';
    else if (last.v === 'E' && units.length > 1) last.v = 'AI';
  }
  let out = '';
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    const next = units[k + 1];
    const prev = units[k - 1];
    if (!u.vowel && (u.v === 'n' || u.v === 'm') && prev?.vowel && next !== undefined && !next.vowel && next.v !== u.v && ANUSVARA_BEFORE.has(next.v[0]!)) {
      out += 'M';
      continue;
    }
    out += u.v;
    if (!u.vowel && (next === undefined || (!next.vowel && !formsConjunct(u.v, next.v, k === 0)))) {
      out += 'a'; // inherent vowel, silent in speech but written: रामदास, not राम्दास; no final virama
    }
  }
  return out;
}

const ASPIRATE_PAIRS = new Set(['kK', 'gG', 'cC', 'jJ', 'wW', 'qQ', 'tT', 'dD', 'pP', 'bB']);
const CONJUNCT_PAIRS = new Set(['kt', 'pt', 'tm', 'dm', 'tn', 'pn', 'lp', 'kS', 'gn', 'dB']);

/**
 * Whether two Latin consonants in a row are a written conjunct (virama) or two syllables whose
 * schwa is only silent in speech (Jagtap जगताप, Ramdas रामदास, Eknath एकनाथ, Shelke शेळके).
 */
function formsConjunct(first: string, second: string, atWordStart: boolean): boolean {
  const c1 = first[first.length - 1]!;
  const c2 = second[0]!;
  if (atWordStart || first.length > 1) return true; // Shrikant, Pradnya; क्ष्म in Lakshmi
  if (c1 === c2 || ASPIRATE_PAIRS.has(c1 + c2)) return true; // Pallavi, Vitthal, Siddharth
  if (c2 === 'r' || c2 === 'y' || c2 === 'v' || c1 === 'r') return true; // Chandra, Aditya, Ashwini, Arjun
  if (c2 === 'h' && 'mnlv'.includes(c1)) return true; // म्ह, न्ह, ल्ह, व्ह: Mhatre, Kolhe, Awhad
  if ('sSz'.includes(c1) && 'tTwWkKpPnmR'.includes(c2)) return true; // Reshma, Maske, Vishnu
  return CONJUNCT_PAIRS.has(c1 + c2);
}

// Words written onto a known name: Ganpatrao, Sunitabai, Balasaheb, Shivajirao.
const COMPOUND_SUFFIXES: readonly (readonly [string, string])[] = [
  ['rao', 'राव'], ['bai', 'बाई'], ['tai', 'ताई'], ['saheb', 'साहेब'], ['nath', 'नाथ'], ['das', 'दास'],
];

function latinWordToDevanagari(word: string): string {
  const letters = word.replace(/[^A-Za-z]/g, '');
  if (letters.length === 1) return LETTER_NAMES[letters.toUpperCase()] ?? letters;
  const key = spellingKey(letters);
  const known = DEVANAGARI_BY_SPELLING.get(key);
  if (known !== undefined) return known;
  for (const [suffix, devanagari] of COMPOUND_SUFFIXES) {
    if (key.length > suffix.length + 2 && key.endsWith(suffix)) {
      const stem = DEVANAGARI_BY_SPELLING.get(key.slice(0, -suffix.length));
      if (stem !== undefined) return stem + devanagari;
    }
  }
  const slp1 = latinWordToSlp1(letters);
  return slp1 ? Sanscript.t(slp1, 'slp1', 'devanagari') : '';
}

/**
 * A Devanagari spelling proposed for a Latin name (Sunita Pawar → सुनीता पवार). Common Marathi
 * names come from the lexicon; others follow Marathi spelling rules (final ī/ū, anusvara before a
 * consonant) and guess vowel length from common endings. The operator confirms or edits it.
 */
export function toDevanagariName(latin: string): string {
  return String(latin ?? '')
    .trim()
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s+$/.test(word)) return ' ';
      if (hasDevanagari(word)) return word;
      return word
        .split(/([A-Za-z]+)/)
        .map((part) => (/^[A-Za-z]+$/.test(part) ? latinWordToDevanagari(part) : part))
        .join('');
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Phonetic key

/**
 * Key of one Latin word. Both scripts meet here: Devanagari is first spelt out letter by letter.
 * What it forgives, and why: vowel length and aspiration (Latin rarely marks them), schwas (Latin
 * writes them or not: Ramdas/Ramadas), sh/s (Shinde/Scinde), v/w (Pawar/Powar, Vaishali/Waishali),
 * ksh/x (Lakshmi/Laxmi), z/j (झ), f/ph, ri/ru (Krishna/Krushna), dny/gy/jn (ज्ञ), doubled letters,
 * ai/ay and au/ao (Gaikwad/Gayakwad, Jadhav/Jadhao). Vowel quality i/u/e/o is kept, so Sunita and
 * Sunil or Pawar and Patil stay apart. Every non-initial "a" is dropped: Latin cannot tell a from ā.
 */
function latinKey(word: string): string {
  // Hand-written passes instead of a chain of regular expressions: this runs for every word of every
  // name when the search index is built and on each keystroke.
  const n = word.length;
  if (n === 0) return word;
  // Pass 1: consonant spellings. hr- → r; dny/gny/jny/jn → gy; sc before e/i/y → s; x → ks;
  // h after a consonant (aspiration, sh, ch) dropped; f → p, q → k, z → j, w → v.
  let a = '';
  let i = word.startsWith('hr') ? 1 : 0;
  while (i < n) {
    const c = word[i]!;
    const c1 = word[i + 1];
    if ((c === 'd' || c === 'g' || c === 'j') && c1 === 'n' && word[i + 2] === 'y') {
      a += 'gy';
      i += 3;
      while (word[i] === 'h') i++;
    } else if (c === 'j' && c1 === 'n') {
      a += 'gy';
      i += 2;
      while (word[i] === 'h') i++;
    } else if (c === 's' && c1 === 'c' && (word[i + 2] === 'e' || word[i + 2] === 'i' || word[i + 2] === 'y')) {
      a += 's';
      i += 2;
    } else if (CONSONANT_LETTERS.has(c)) {
      a += c === 'x' ? 'ks' : (CONSONANT_MAP[c] ?? c);
      i++;
      while (word[i] === 'h') i++;
    } else {
      a += c;
      i++;
    }
  }
  // Pass 2: vowel spellings. Runs of a/e-i/o-u → a/i/u; ai, ae → ay; au, ou, ao (not before a vowel), ov → av.
  let b = '';
  for (let j = 0; j < a.length; j++) {
    const c = a[j]!;
    if (VOWEL_LETTERS.has(c) && a[j + 1] === c) {
      while (a[j + 1] === c) j++;
      b += c === 'e' ? 'i' : c === 'o' ? 'u' : c;
    } else {
      b += c;
    }
  }
  let d = '';
  for (let j = 0; j < b.length; j++) {
    const c = b[j]!;
    const next = b[j + 1];
    if (c === 'a' && (next === 'i' || next === 'e')) {
      d += 'ay';
      j++;
    } else if ((c === 'a' || c === 'o') && next === 'u') {
      d += 'av';
      j++;
    } else if (c === 'a' && next === 'o' && (j + 2 === b.length || !VOWEL_LETTERS.has(b[j + 2]!))) {
      d += 'av';
      j++;
    } else {
      d += c;
    }
  }
  // ov → av (Powar/Pawar), then ri → ru at the start or after a consonant (Krishna/Krushna, ऋ).
  let e = '';
  for (let j = 0; j < d.length; j++) {
    const c = d[j]!;
    if (c === 'o' && d[j + 1] === 'v') e += 'a';
    else if (c === 'i' && d[j - 1] === 'r' && (j === 1 || !VOWEL_LETTERS.has(d[j - 2]!))) e += 'u';
    else e += c;
  }
  // Pass 3: doubled letters once; every non-initial a dropped; then m before a consonant → n
  // (anusvara: Omkar/Onkar, Sambhaji/Sanbhaji) — only now, when schwas no longer differ by script.
  let f = e[0]!;
  for (let j = 1; j < e.length; j++) {
    const c = e[j]!;
    if (c === e[j - 1] || c === 'a') continue;
    f += c;
  }
  let out = f[0]!;
  for (let j = 1; j < f.length; j++) {
    const c = f[j]!;
    const next = f[j + 1];
    out += c === 'm' && next !== undefined && !VOWEL_OR_Y.has(next) ? 'n' : c;
  }
  return out;
}

const CONSONANT_LETTERS = new Set('bcdgjklmnprstvwxyzfq'.split(''));
const CONSONANT_MAP: Readonly<Record<string, string>> = { f: 'p', q: 'k', z: 'j', w: 'v' };
const VOWEL_LETTERS = new Set('aeiou'.split(''));
const VOWEL_OR_Y = new Set('aeiouy'.split(''));

const TITLE_SUFFIX_LATIN = /^(.{3,}?)(b(a+|e)i|rao|raav)$/;
const TITLE_SUFFIX_DEVANAGARI = /^(.{2,}?)(बाई|बाइ|राव)$/;

/**
 * Phonetic key of one word in either script. "बाई"/"bai" and "राव"/"rao" written onto a given name
 * (Sunitabai, Bhimrao) are respect suffixes in Maharashtra records and are ignored.
 */
export function wordPhoneticKey(word: string): string {
  const cached = KEY_CACHE.get(word);
  if (cached !== undefined) return cached;
  let key: string;
  if (hasDevanagari(word)) {
    const m = TITLE_SUFFIX_DEVANAGARI.exec(word);
    key = latinKey(phonemesToLooseLatin(devanagariToPhonemes(m ? m[1]! : word)));
  } else {
    let lower = word.toLowerCase();
    if (/[^a-z]/.test(lower)) lower = lower.normalize('NFD').replace(/[^a-z]/g, ''); // IAST marks, digits
    const m = TITLE_SUFFIX_LATIN.exec(lower);
    key = latinKey(m ? m[1]! : lower);
  }
  // Given names and surnames repeat endlessly in a block's data; a bounded cache makes building a
  // search index over 100k names cheap. Cleared wholesale when full: simpler than LRU and as good here.
  if (KEY_CACHE.size >= KEY_CACHE_LIMIT) KEY_CACHE.clear();
  KEY_CACHE.set(word, key);
  return key;
}

const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_LIMIT = 50_000;

/** Keys of the words of a name, in order; initials are left out when other words remain. */
export function nameKeyTokens(name: string): string[] {
  const words = splitName(name);
  const substantial = words.some((w) => !w.initial);
  const keys: string[] = [];
  for (const w of words) {
    if (substantial && w.initial) continue;
    const k = wordPhoneticKey(w.text);
    if (k.length > 0) keys.push(k);
  }
  return keys;
}

/** Space-separated phonetic keys of the words of `name`; equal for spelling variants in either script. */
export function phoneticKey(name: string): string {
  return nameKeyTokens(name).join(' ');
}

/**
 * Whether two names are probably the same person's: word keys compared as sets, in any order; one
 * name may lack words of the other (a missing middle name) as long as at least two words agree, or
 * both are single words.
 */
export function namesMatch(a: string, b: string): boolean {
  return keySetsMatch(new Set(nameKeyTokens(a)), new Set(nameKeyTokens(b)));
}

export function keySetsMatch(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  for (const k of small) if (!large.has(k)) return false;
  return small.size >= 2 || large.size === 1;
}
