/** A user-facing message in both languages of the app. */
export interface Message {
  readonly mr: string;
  readonly en: string;
}

/** The failure half of every validator result: a stable code for programs, a message for people. */
export interface Invalid<Code extends string = string> {
  readonly ok: false;
  readonly code: Code;
  readonly message: Message;
}

export type Validated<T, Code extends string = string> = { readonly ok: true; readonly value: T } | Invalid<Code>;

export function invalid<Code extends string>(code: Code, en: string, mr: string): Invalid<Code> {
  return { ok: false, code, message: { mr, en } };
}

/** Devanagari digits ०–९ become ASCII so Marathi keyboards can type numbers. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0966-\u096f]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0966 + 48));
}
