/**
 * Japanese encephalitis (JE) vaccine is part of routine immunisation only in districts the programme marks as
 * endemic. Maharashtra ran the one-time JE campaign (children 1–15 years) in 16 districts in 2021–22 and then
 * added JE-1 (9–12 months) and JE-2 (16–24 months) to routine immunisation there (state Family Welfare
 * Bureau, as reported by the Hindustan Times, 2 June 2025, and the Free Press Journal, 10 February 2024).
 *
 * Named in those reports: Bhandara, Chandrapur, Dharashiv, Gadchiroli, Gondia, Solapur, Wardha. The other nine
 * are the remaining districts of the Nagpur and Amravati divisions and of Marathwada where NVBDCP/NCVBDC
 * reported JE/AES cases; the state's order was not found in the public record, so this default list is to be
 * checked against it. It is master data: the office setting `schedule.je_districts` replaces it (Pune, Raigad
 * and Parbhani, added in 2025, are left for that setting to add).
 */
export interface JeDistrict {
  /** Local Government Directory code, as in office/districts.ts. */
  readonly lgd: number;
  readonly name: string;
  /** True when a public report names the district among the 16. */
  readonly confirmed: boolean;
}

export const JE_ENDEMIC_DISTRICTS_MAHARASHTRA: readonly JeDistrict[] = [
  { lgd: 467, name: 'Akola', confirmed: false },
  { lgd: 468, name: 'Amravati', confirmed: false },
  { lgd: 470, name: 'Beed', confirmed: false },
  { lgd: 471, name: 'Bhandara', confirmed: true },
  { lgd: 473, name: 'Chandrapur', confirmed: true },
  { lgd: 475, name: 'Gadchiroli', confirmed: true },
  { lgd: 476, name: 'Gondia', confirmed: true },
  { lgd: 479, name: 'Jalna', confirmed: false },
  { lgd: 481, name: 'Latur', confirmed: false },
  { lgd: 484, name: 'Nagpur', confirmed: false },
  { lgd: 485, name: 'Nanded', confirmed: false },
  { lgd: 488, name: 'Dharashiv', confirmed: true },
  { lgd: 496, name: 'Solapur', confirmed: true },
  { lgd: 498, name: 'Wardha', confirmed: true },
  { lgd: 499, name: 'Washim', confirmed: false },
  { lgd: 500, name: 'Yavatmal', confirmed: false },
];

/** LGD codes of the default JE-endemic districts. */
export const JE_ENDEMIC_LGD_CODES: readonly number[] = JE_ENDEMIC_DISTRICTS_MAHARASHTRA.map((d) => d.lgd);

/**
 * Whether a district (LGD code) runs JE vaccination. `endemic` is the office's list (setting
 * `schedule.je_districts`), the default list when left out. An unknown district (null) is not endemic.
 */
export function isJeEndemic(districtLgd: number | null | undefined, endemic: readonly number[] = JE_ENDEMIC_LGD_CODES): boolean {
  return districtLgd != null && endemic.includes(districtLgd);
}
