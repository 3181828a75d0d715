import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** The fonts every printed document uses, by the name they are registered under in pdfkit. */
export const FONT = {
  regular: 'mts-deva-regular',
  bold: 'mts-deva-bold',
  mono: 'mts-mono',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** The part of a fontkit font that pdfkit needs (it duck-types on `layout`). */
interface FontkitFont {
  readonly ascent: number;
  readonly unitsPerEm: number;
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): unknown;
}
interface Fontkit {
  create(data: Uint8Array): FontkitFont;
}

const require = createRequire(import.meta.url);

// Plain TTF files resolved by path: importing these packages would pull in Expo, and .woff2 breaks fontkit.
const FONT_FILES: Record<FontName, string> = {
  [FONT.regular]: require.resolve('@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf'),
  [FONT.bold]: require.resolve('@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf'),
  [FONT.mono]: require.resolve('@expo-google-fonts/roboto-mono/500Medium/RobotoMono_500Medium.ttf'),
};

let cached: Map<FontName, FontkitFont> | null = null;

/**
 * fontkit is resolved from pdfkit's own location so the parser is the very version pdfkit was built with.
 * Parsing happens once per process; every document then only builds its own subset.
 */
function loadFonts(): Map<FontName, FontkitFont> {
  if (cached) return cached;
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  const fontkit = pdfkitRequire('fontkit') as Fontkit;
  const fonts = new Map<FontName, FontkitFont>();
  for (const [name, file] of Object.entries(FONT_FILES) as [FontName, string][]) {
    const font = fontkit.create(readFileSync(file));
    const layout = font.layout.bind(font);
    // pdfkit never passes a language; Marathi needs 'MAR' for its own forms of ल and श.
    font.layout = (text, features, script, language, direction) =>
      layout(text, features, script, language ?? 'MAR', direction);
    fonts.set(name, font);
  }
  cached = fonts;
  return fonts;
}

/** Minimal view of a pdfkit document for font registration (keeps this module free of pdfkit's types). */
interface FontRegistry {
  registerFont(name: string, src: never): unknown;
}

/** Registers the shared, already-parsed fonts on a new pdfkit document. */
export function registerFonts(doc: FontRegistry): void {
  for (const [name, font] of loadFonts()) {
    // pdfkit accepts a ready fontkit font object (anything with `layout`), which its typings do not list.
    doc.registerFont(name, font as never);
  }
}

/** Ascent as a fraction of the font size: pdfkit places text by its top, this finds the baseline. */
export function ascentRatio(name: FontName): number {
  const font = loadFonts().get(name);
  if (!font) throw new RangeError(`unknown font ${name}`);
  return font.ascent / font.unitsPerEm;
}
