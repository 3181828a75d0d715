// Devanagari → phoneme string. The letter inventory comes from sanscript's Devanagari and SLP1
// schemes (one ASCII letter per phoneme); this scanner adds what names need and sanscript leaves
// out: an explicit inherent vowel, nukta letters, candra vowels and ZWJ/ZWNJ.
//
// Output alphabet: SLP1 letters (a A i I u U f e E o O M H k K g G N c C j J Y w W q Q R t T d D n
// p P b B m y r l v S z s h L), plus '@' = inherent vowel (schwa) of a consonant, '~' = candrabindu,
// 'Z' = ज़ and 'F' = फ़. ASCII digits pass through.
import { Sanscript } from './sanscript.ts';

const enum Kind {
  Consonant = 1,
  Vowel = 2,
  Mark = 3,
  Virama = 4,
  Nukta = 5,
  Sign = 6,
  Digit = 7,
  Skip = 8,
}

interface Entry {
  readonly kind: Kind;
  readonly out: string;
}

const VIRAMA = '\u094d';
const NUKTA = '\u093c';

// Consonants with a nukta, by base letter: Marathi names meet these mostly in Urdu/English loans.
const NUKTA_FORMS: Readonly<Record<string, string>> = { k: 'k', K: 'K', g: 'g', j: 'Z', q: 'q', Q: 'Q', P: 'F', y: 'y', r: 'r', L: 'L', n: 'n' };

function buildTable(): Map<number, Entry> {
  const deva = Sanscript.schemes['devanagari'];
  const slp1 = Sanscript.schemes['slp1'];
  if (deva === undefined || slp1 === undefined) throw new Error('sanscript: devanagari/slp1 schemes missing');
  const table = new Map<number, Entry>();
  const put = (ch: string, kind: Kind, out: string): void => {
    if (ch.length === 1) table.set(ch.charCodeAt(0), { kind, out });
  };
  const group = (name: string, kind: Kind): void => {
    const d = deva[name] ?? {};
    const s = slp1[name] ?? {};
    for (const [key, letter] of Object.entries(d)) {
      const roman = s[key];
      if (typeof roman === 'string' && roman.length > 0 && typeof letter === 'string') put(letter, kind, roman);
    }
  };
  group('consonants', Kind.Consonant);
  group('vowels', Kind.Vowel);
  group('vowel_marks', Kind.Mark);
  group('symbols', Kind.Digit);
  put('\u0902', Kind.Sign, 'M'); // anusvara
  put('\u0903', Kind.Sign, 'H'); // visarga
  put('\u0901', Kind.Sign, '~'); // candrabindu
  put(VIRAMA, Kind.Virama, '');
  put(NUKTA, Kind.Nukta, '');
  put('\u200c', Kind.Skip, '');
  put('\u200d', Kind.Skip, '');
  put('\u093d', Kind.Skip, ''); // avagraha
  // Rare vowels folded into the nearest common one; candra vowels are how Marathi writes English
  // "a" and "o" (बँक, डॉक्टर).
  put('\u0960', Kind.Vowel, 'f'); // ॠ
  put('\u0944', Kind.Mark, 'f');
  put('\u0972', Kind.Vowel, 'a'); // ॲ
  put('\u090d', Kind.Vowel, 'a'); // ऍ
  put('\u0945', Kind.Mark, 'a'); // ॅ
  put('\u0911', Kind.Vowel, 'o'); // ऑ
  put('\u0949', Kind.Mark, 'o'); // ॉ
  put('\u090e', Kind.Vowel, 'e'); // ऎ
  put('\u0946', Kind.Mark, 'e');
  put('\u0912', Kind.Vowel, 'o'); // ऒ
  put('\u094a', Kind.Mark, 'o');
  // Precomposed nukta letters (U+0958–U+095F and friends).
  const precomposed: Record<string, string> = {
    '\u0958': 'k', '\u0959': 'K', '\u095a': 'g', '\u095b': 'Z', '\u095c': 'q',
    '\u095d': 'Q', '\u095e': 'F', '\u095f': 'y', '\u0929': 'n', '\u0931': 'r', '\u0934': 'L',
  };
  for (const [ch, out] of Object.entries(precomposed)) put(ch, Kind.Consonant, out);
  // Devanagari digits become ASCII digits.
  for (let i = 0; i < 10; i++) put(String.fromCharCode(0x0966 + i), Kind.Digit, String(i));
  return table;
}

const TABLE = buildTable();

export function hasDevanagari(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0900 && c <= 0x097f) return true;
  }
  return false;
}

/** One word of Devanagari → phonemes, with every inherent vowel written as '@'. Unknown characters are dropped. */
export function devanagariToPhonemes(word: string): string {
  let out = '';
  let pending = ''; // consonant waiting to learn whether it keeps its inherent vowel
  for (let i = 0; i < word.length; i++) {
    const e = TABLE.get(word.charCodeAt(i));
    if (e === undefined) continue;
    switch (e.kind) {
      case Kind.Consonant:
        if (pending) out += pending + '@';
        pending = e.out;
        break;
      case Kind.Nukta:
        if (pending) pending = NUKTA_FORMS[pending] ?? pending;
        break;
      case Kind.Mark:
        if (pending) {
          out += pending + e.out;
          pending = '';
        } else {
          out += e.out;
        }
        break;
      case Kind.Virama:
        out += pending;
        pending = '';
        break;
      case Kind.Skip:
        break;
      default:
        if (pending) {
          out += pending + '@';
          pending = '';
        }
        out += e.out;
    }
  }
  if (pending) out += pending + '@';
  return out;
}

const VOWELS = new Set(['a', 'A', 'i', 'I', 'u', 'U', 'f', 'x', 'e', 'E', 'o', 'O', '@']);
const CONSONANTS = new Set('kKgGNcCjJYwWqQRtTdDnpPbBmyrlvSzshLZF'.split(''));

export function isVowelPhoneme(p: string | undefined): boolean {
  return p !== undefined && VOWELS.has(p);
}

export function isConsonantPhoneme(p: string | undefined): boolean {
  return p !== undefined && CONSONANTS.has(p);
}

// Loose Latin: every phoneme spelt out, every schwa kept. Only for phonetic keys, where vowel
// length, aspiration and schwas are normalised away anyway.
const LOOSE: Readonly<Record<string, string>> = {
  'a': 'a', 'A': 'a', '@': 'a', 'i': 'i', 'I': 'i', 'u': 'u', 'U': 'u', 'f': 'ru', 'x': 'li',
  'e': 'e', 'E': 'ai', 'o': 'o', 'O': 'au', 'M': 'n', 'H': 'h', '~': 'n',
  'k': 'k', 'K': 'kh', 'g': 'g', 'G': 'gh', 'N': 'n', 'c': 'ch', 'C': 'chh', 'j': 'j', 'J': 'jh',
  'Y': 'n', 'w': 't', 'W': 'th', 'q': 'd', 'Q': 'dh', 'R': 'n', 't': 't', 'T': 'th', 'd': 'd',
  'D': 'dh', 'n': 'n', 'p': 'p', 'P': 'ph', 'b': 'b', 'B': 'bh', 'm': 'm', 'y': 'y', 'r': 'r',
  'l': 'l', 'v': 'v', 'S': 'sh', 'z': 'sh', 's': 's', 'h': 'h', 'L': 'l', 'Z': 'z', 'F': 'f',
};

const LOOSE_BY_CODE: readonly string[] = (() => {
  const table = new Array<string>(128).fill('');
  for (const [p, latin] of Object.entries(LOOSE)) table[p.charCodeAt(0)] = latin;
  for (let d = 0; d < 10; d++) table[48 + d] = '';
  return table;
})();

export function phonemesToLooseLatin(phonemes: string): string {
  let out = '';
  for (let i = 0; i < phonemes.length; i++) {
    const code = phonemes.charCodeAt(i);
    if (code === 106 /* j */ && phonemes.charCodeAt(i + 1) === 89 /* Y */) {
      out += 'dny'; // ज्ञ, as Marathi says it
      i++;
      continue;
    }
    out += code < 128 ? LOOSE_BY_CODE[code]! : '';
  }
  return out;
}
