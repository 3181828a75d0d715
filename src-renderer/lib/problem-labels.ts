/**
 * The backend names a field by its path in the request (`admin.password`, `members.0.dateOfBirth`): right
 * for code, meaningless to an operator. A screen passes the labels of its own fields; a path it does not
 * know is never shown, except a plain lower-case word, which is a column the operator wrote in a CSV file.
 */
import type { BilingualText } from '../../src-main/common/problem.ts';

export type FieldLabels = Readonly<Record<string, BilingualText>>;

const CSV_COLUMN = /^[a-z][a-z0-9_]*$/;

/** The label to show before a field's message, or null when the message stands alone. */
export function fieldLabel(field: string, labels: FieldLabels): BilingualText | null {
  const known = labels[field];
  if (known) return known;
  return CSV_COLUMN.test(field) ? { mr: field, en: field } : null;
}

/** The problem's sentence with every quoted field path replaced by its label (or by "this field"). */
export function humanText(text: BilingualText, fields: readonly { field: string }[], labels: FieldLabels): BilingualText {
  let { mr, en } = text;
  for (const { field } of fields) {
    if (!/[.A-Z]/.test(field) && !labels[field]) continue;
    const label = labels[field];
    if (label) {
      mr = mr.split(`"${field}"`).join(`"${label.mr}"`);
      en = en.split(`"${field}"`).join(`"${label.en}"`);
    } else {
      mr = mr.split(`"${field}" हे क्षेत्र`).join('हे क्षेत्र').split(`"${field}"`).join('हे क्षेत्र');
      en = en.split(`the field "${field}"`).join('this field').split(`"${field}"`).join('this field');
    }
  }
  return { mr, en };
}
