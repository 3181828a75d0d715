import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOffice } from '../../../src-main/office/service.ts';
import { COUNT_CAP, searchBeneficiaries, type SearchInput } from '../../../src-main/registry/index.ts';
import { seedOffice } from '../../../src-main/seed/index.ts';
import { openTestOffice, type TestOffice } from '../../helpers/office.ts';
import { useTempDirs } from '../../helpers/temp.ts';

const tempDir = useTempDirs();
let office: TestOffice;
const NONE = { query: '', awcCode: null, category: null, migrationStatus: null, nutritionStatus: null, limit: 50 } satisfies SearchInput;

beforeAll(async () => {
  office = await openTestOffice(tempDir());
  const info = readOffice(office.data)!;
  office.data.writer.write({ operatorId: null }, (batch) =>
    seedOffice(office.data.store, batch, { officeCode: info.code, series: info.series, districtLgd: info.districtLgd, households: 120, seed: 7, createdBy: null }),
  );
});
afterAll(() => office.close());

/** Every page of a search, read by following offsets as the Next button does. */
function allPages(input: Partial<SearchInput>) {
  const first = searchBeneficiaries(office.data, { ...NONE, ...input });
  const ids = first.hits.map((h) => h.beneficiaryId);
  for (let offset = 50; offset < first.total; offset += 50) {
    const page = searchBeneficiaries(office.data, { ...NONE, ...input, offset });
    expect(page.offset).toBe(offset);
    ids.push(...page.hits.map((h) => h.beneficiaryId));
  }
  return { first, ids };
}

describe('search: "50 of N", paging and filters', () => {
  it('lists the whole office 50 at a time with the exact total, every person once', () => {
    const { first, ids } = allPages({});
    expect(first.hits).toHaveLength(50);
    expect(first.total).toBeGreaterThan(150);
    expect(first.totalExact).toBe(true);
    expect(ids).toHaveLength(first.total);
    expect(new Set(ids).size).toBe(first.total);
  });

  it('a page past the end (the list shrank) comes back as the last page', () => {
    const first = searchBeneficiaries(office.data, NONE);
    const past = searchBeneficiaries(office.data, { ...NONE, offset: first.total + 500 });
    expect(past.offset).toBe(Math.floor((first.total - 1) / 50) * 50);
    expect(past.hits.length).toBeGreaterThan(0);
  });

  it('each filter narrows the list, with and without text, and every hit matches it', () => {
    const everyone = searchBeneficiaries(office.data, NONE).total;
    const awc = searchBeneficiaries(office.data, NONE).hits[0]!.awcCode;

    const byAwc = allPages({ awcCode: awc });
    expect(byAwc.first.total).toBeGreaterThan(0);
    expect(byAwc.first.total).toBeLessThan(everyone);
    for (const hit of byAwc.first.hits) expect(hit.awcCode).toBe(awc);

    const children = allPages({ category: 'child-0-3' });
    expect(children.first.total).toBeGreaterThan(0);
    expect(children.first.total).toBeLessThan(everyone);
    for (const hit of children.first.hits) expect(hit.category).toBe('child-0-3');

    const departed = searchBeneficiaries(office.data, { ...NONE, migrationStatus: 'departed' });
    expect(departed.total).toBeGreaterThan(0);
    expect(departed.total).toBeLessThan(everyone);
    for (const hit of departed.hits) expect(hit.migrationStatus).toBe('departed');

    // With a name typed, the filter narrows the name's matches.
    const name = searchBeneficiaries(office.data, NONE).hits.find((h) => h.category === 'child-0-3')!.nameEn.split(' ')[0]!;
    const typed = searchBeneficiaries(office.data, { ...NONE, query: name });
    const typedChildren = searchBeneficiaries(office.data, { ...NONE, query: name, category: 'child-0-3' });
    expect(typedChildren.total).toBeGreaterThan(0);
    expect(typedChildren.total).toBeLessThanOrEqual(typed.total);
    for (const hit of typedChildren.hits) expect(hit.category).toBe('child-0-3');
  });

  it('the nutrition filter keeps people whose latest measurement has that status, and pages like the rest', async () => {
    const everyone = searchBeneficiaries(office.data, NONE).total;
    const counts = Object.fromEntries(
      (['sam', 'mam', 'suw', 'muw', 'stunted', 'normal'] as const).map((status) => [status, allPages({ nutritionStatus: status })]),
    );
    const normal = counts.normal!;
    expect(normal.first.total).toBeGreaterThan(0);
    expect(normal.first.total).toBeLessThan(everyone);
    expect(new Set(normal.ids).size).toBe(normal.first.total);
    // Checked against the profile's own status list (the same engine the beneficiary page shows).
    const malnourished = (['sam', 'mam', 'suw', 'muw'] as const).find((s) => counts[s]!.first.total > 0)!;
    expect(malnourished).toBeDefined();
    for (const id of counts[malnourished]!.ids.slice(0, 5)) {
      const profile = await office.call('registry.beneficiary', { id });
      const latest = profile.measurements.filter((m) => !m.voided).at(-1)!;
      const indicator = malnourished === 'sam' || malnourished === 'mam' ? 'wasting' : 'wfa';
      expect(latest.statuses.find((s) => s.indicator === indicator)?.code).toBe(malnourished);
    }
    for (const id of normal.ids.slice(0, 5)) {
      const profile = await office.call('registry.beneficiary', { id });
      const latest = profile.measurements.filter((m) => !m.voided).at(-1)!;
      expect(latest.statuses.every((s) => s.severity === 'normal')).toBe(true);
    }
  });

  it('a narrowed search counts up to the cap and says so past it; the plain list is always exact', () => {
    expect(COUNT_CAP).toBe(10_000);
    const prefix = searchBeneficiaries(office.data, NONE).hits[0]!.mtsId.slice(0, 8);
    const exact = searchBeneficiaries(office.data, { ...NONE, query: prefix });
    expect(exact.mode).toBe('mts-id');
    expect(exact.totalExact).toBe(true);
    expect(exact.total).toBeGreaterThan(60);
    expect(exact.hits.every((h) => h.mtsId.startsWith(prefix))).toBe(true);
    const capped = searchBeneficiaries(office.data, { ...NONE, query: prefix, countCap: 60 });
    expect(capped).toMatchObject({ total: 60, totalExact: false });
    expect(capped.hits.map((h) => h.mtsId)).toEqual(exact.hits.map((h) => h.mtsId));
    const plain = searchBeneficiaries(office.data, { ...NONE, countCap: 60 });
    expect(plain.totalExact).toBe(true);
    expect(plain.total).toBeGreaterThan(60);
  });
});
