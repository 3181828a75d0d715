// Verhoeff check digit (dihedral group D5). Catches every single-digit substitution and every
// transposition of adjacent digits, which a mod-10/mod-11 scheme cannot do in base 10.

// Multiplication table of D5: elements 0–4 are rotations, 5–9 reflections.
const MULTIPLY: readonly (readonly number[])[] = buildDihedralTable();

// Position permutation p(i) = p1^i with p1 = (0 1 5 8 9 4 2 7)(3 6); the cycle has length 8.
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4] as const;
const PERMUTE: readonly (readonly number[])[] = buildPermutationPowers();

// Inverse of each element of D5: rotations invert to their negatives, reflections to themselves.
const INVERSE = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9] as const;

function buildDihedralTable(): number[][] {
  const table: number[][] = [];
  for (let a = 0; a < 10; a++) {
    const row: number[] = [];
    for (let b = 0; b < 10; b++) {
      if (a < 5 && b < 5) row.push((a + b) % 5);
      else if (a < 5) row.push(5 + ((a + b - 5) % 5));
      else if (b < 5) row.push(5 + ((a - b + 5) % 5));
      else row.push((a - b + 5) % 5);
    }
    table.push(row);
  }
  return table;
}

function buildPermutationPowers(): number[][] {
  const rows: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
  for (let i = 1; i < 8; i++) {
    const prev = rows[i - 1]!;
    rows.push(prev.map((x) => P1[x]!));
  }
  return rows;
}

function isDigitString(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Folds digits right to left; `offset` is 1 when computing (the check digit slot is still empty). */
function fold(digits: string, offset: 0 | 1): number {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const digit = digits.charCodeAt(n - 1 - i) - 48;
    c = MULTIPLY[c]![PERMUTE[(i + offset) % 8]![digit]!]!;
  }
  return c;
}

/** The Verhoeff check digit (0–9) to append to `payload` (a non-empty string of ASCII digits). */
export function verhoeffCheckDigit(payload: string): number {
  if (!isDigitString(payload)) throw new TypeError('verhoeffCheckDigit: payload must be ASCII digits');
  return INVERSE[fold(payload, 1)]!;
}

/** True when `digits` (payload followed by its check digit) passes the Verhoeff check. */
export function isVerhoeffValid(digits: string): boolean {
  if (!isDigitString(digits) || digits.length < 2) return false;
  return fold(digits, 0) === 0;
}
