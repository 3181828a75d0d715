/** Text shown to operators is always available in both languages. */
export interface BilingualText {
  mr: string;
  en: string;
}

export interface FieldProblem {
  /** Dotted path of the input field, e.g. `members.2.dob`. */
  field: string;
  message: BilingualText;
}

/**
 * An error the operator can act on: bad input, a refused file, a forbidden action. Anything else thrown
 * by a handler is a bug and is reported without details, so no personal data leaks through messages.
 */
export class Problem extends Error {
  readonly code: string;
  readonly text: BilingualText;
  readonly fields: FieldProblem[];

  constructor(code: string, text: BilingualText, fields: FieldProblem[] = []) {
    super(text.en);
    this.name = 'Problem';
    this.code = code;
    this.text = text;
    this.fields = fields;
  }
}

export function fieldProblem(field: string, en: string, mr: string): Problem {
  return new Problem('invalid-input', { en, mr }, [{ field, message: { en, mr } }]);
}
