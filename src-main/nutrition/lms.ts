/**
 * LMS tables and the WHO z-score formulas.
 *
 * Interpolation, and why: WHO Anthro looks LMS up in daily tables (0–1856 d) and in 0.1 cm
 * weight-for-length/height tables; only the weekly/monthly and 0.5 cm tables ship in npm packages.
 * Straight lines between monthly rows miss the curvature of the WHO curves (up to 0.03 z off on
 * WHO's demo survey), so the 2006 standards are interpolated with a 4-point (cubic) Lagrange
 * polynomial through the nearest rows of the same table. Curves split at 24 months (length below
 * 731 days, height from 731 days) are separate tables, so no interpolation crosses 730/731 days.
 * Ages 1827–1856 d lie past the last monthly row (60 months = 1826.25 d) and are extrapolated
 * from the last four rows, as WHO's daily tables run to 1856 d.
 *
 * Remaining error against WHO's daily tables, measured for weight-for-age (boys) against WHO Anthro's
 * weianthro.txt at z = −3…+3: from day 20 on |Δz| ≤ 0.001; day 10 0.006; day 5 0.018; day 3 0.049;
 * day 1 0.080 (WHO's daily curve dips below the birth row on day 1, which no interpolation through
 * the weekly rows reproduces). Against the igrowup demo survey (WHO's own z-scores, 2 decimals):
 * all 1,870 z-scores of the 490 children aged ≥ 14 days are within 0.01 (9 differ by exactly 0.01,
 * a rounding step); the 8 children under 14 days are all 0 days old, where the table row is exact,
 * and match to 0.00. Linear interpolation would be off by up to 0.03 on the same survey.
 *
 * The 2007 reference (5–19 y) is interpolated linearly between monthly rows, exactly as AnthroPlus does.
 */
import { WHO_TABLES, type WhoTableName } from './who-tables.generated.ts';

export interface LmsTable {
  readonly name: WhoTableName;
  readonly x: Float64Array;
  readonly l: Float64Array;
  readonly m: Float64Array;
  readonly s: Float64Array;
  readonly cubic: boolean;
}

/** Mutable scratch result so hot paths do not allocate. */
export interface Lms {
  l: number;
  m: number;
  s: number;
}

function buildTable(name: WhoTableName, cubic: boolean): LmsTable {
  const flat: readonly number[] = WHO_TABLES[name];
  const n = flat.length / 4;
  const x = new Float64Array(n);
  const l = new Float64Array(n);
  const m = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = flat[4 * i]!;
    l[i] = flat[4 * i + 1]!;
    m[i] = flat[4 * i + 2]!;
    s[i] = flat[4 * i + 3]!;
  }
  return { name, x, l, m, s, cubic };
}

export type SexCode = 'm' | 'f';

export interface SexTables {
  readonly wfa: LmsTable;
  readonly lfa: LmsTable;
  readonly hfa: LmsTable;
  readonly bfaLength: LmsTable;
  readonly bfaHeight: LmsTable;
  readonly wfl: LmsTable;
  readonly wfh: LmsTable;
  readonly wfa2007: LmsTable;
  readonly hfa2007: LmsTable;
  readonly bfa2007: LmsTable;
}

function tablesFor(sex: SexCode): SexTables {
  return {
    wfa: buildTable(`wfa_${sex}`, true),
    lfa: buildTable(`lfa_${sex}`, true),
    hfa: buildTable(`hfa_${sex}`, true),
    bfaLength: buildTable(`bfa_len_${sex}`, true),
    bfaHeight: buildTable(`bfa_hgt_${sex}`, true),
    wfl: buildTable(`wfl_${sex}`, true),
    wfh: buildTable(`wfh_${sex}`, true),
    wfa2007: buildTable(`wfa07_${sex}`, false),
    hfa2007: buildTable(`hfa07_${sex}`, false),
    bfa2007: buildTable(`bfa07_${sex}`, false),
  };
}

export const TABLES: Readonly<Record<SexCode, SexTables>> = { m: tablesFor('m'), f: tablesFor('f') };

/** Index i of the last row with x[i] <= v, clamped to [0, n-2]. */
function segmentIndex(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length - 2;
  if (v <= x[0]!) return 0;
  if (v >= x[hi]!) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Writes L, M, S at `v` into `out`. The caller checks the allowed range; values past the last row
 * are extrapolated (used only for 1827–1856 days).
 */
export function lmsAt(t: LmsTable, v: number, out: Lms): Lms {
  const { x, l, m, s } = t;
  const n = x.length;
  const i = segmentIndex(x, v);
  if (!t.cubic) {
    const x0 = x[i]!;
    const f = (v - x0) / (x[i + 1]! - x0);
    out.l = l[i]! + f * (l[i + 1]! - l[i]!);
    out.m = m[i]! + f * (m[i + 1]! - m[i]!);
    out.s = s[i]! + f * (s[i + 1]! - s[i]!);
    return out;
  }
  const j = i - 1 < 0 ? 0 : i + 2 > n - 1 ? n - 4 : i - 1;
  const x0 = x[j]!;
  const x1 = x[j + 1]!;
  const x2 = x[j + 2]!;
  const x3 = x[j + 3]!;
  const d0 = v - x0;
  const d1 = v - x1;
  const d2 = v - x2;
  const d3 = v - x3;
  const w0 = (d1 * d2 * d3) / ((x0 - x1) * (x0 - x2) * (x0 - x3));
  const w1 = (d0 * d2 * d3) / ((x1 - x0) * (x1 - x2) * (x1 - x3));
  const w2 = (d0 * d1 * d3) / ((x2 - x0) * (x2 - x1) * (x2 - x3));
  const w3 = (d0 * d1 * d2) / ((x3 - x0) * (x3 - x1) * (x3 - x2));
  out.l = w0 * l[j]! + w1 * l[j + 1]! + w2 * l[j + 2]! + w3 * l[j + 3]!;
  out.m = w0 * m[j]! + w1 * m[j + 1]! + w2 * m[j + 2]! + w3 * m[j + 3]!;
  out.s = w0 * s[j]! + w1 * s[j + 1]! + w2 * s[j + 2]! + w3 * s[j + 3]!;
  return out;
}

const L_ZERO = 1e-9;

/** Plain LMS z-score (WHO Anthro `compute_zscore`). */
export function zFromLms(y: number, p: Lms): number {
  if (Math.abs(p.l) < L_ZERO) return Math.log(y / p.m) / p.s;
  return (Math.pow(y / p.m, p.l) - 1) / (p.l * p.s);
}

/** Measurement at a given z (the SD curves of the growth charts). */
export function valueAtZ(z: number, p: Lms): number {
  if (Math.abs(p.l) < L_ZERO) return p.m * Math.exp(p.s * z);
  return p.m * Math.pow(1 + p.l * p.s * z, 1 / p.l);
}

/**
 * Restricted z for weight-based indicators (the "SD23" rule): beyond ±3 the distance is measured in
 * units of the gap between the 2 and 3 SD curves, because the skewed LMS tail stretches too far there.
 */
export function zRestricted(y: number, p: Lms): number {
  const z = zFromLms(y, p);
  if (z > 3) {
    const sd3 = valueAtZ(3, p);
    return 3 + (y - sd3) / (sd3 - valueAtZ(2, p));
  }
  if (z < -3) {
    const sd3neg = valueAtZ(-3, p);
    return -3 + (y - sd3neg) / (valueAtZ(-2, p) - sd3neg);
  }
  return z;
}

/** Rounds to 2 decimals, half away from zero, as WHO's tools report and flag z-scores. */
export function roundZ(z: number): number {
  const r = Math.round(Math.abs(z) * 100 + 1e-9) / 100;
  return z < 0 ? -r : r;
}
