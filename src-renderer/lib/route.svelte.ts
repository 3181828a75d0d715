/**
 * Which page the shell shows, and which record is open on top of it. Ids only: never names, Aadhaar or
 * anything personal, and nothing goes into the address bar or storage.
 */
export type Detail = { kind: 'household'; id: string } | { kind: 'beneficiary'; id: string };

export const route = $state<{ page: string; detail: Detail | null; trail: Detail[] }>({
  page: 'register',
  detail: null,
  trail: [],
});

/** Opens a menu page and closes any open record. */
export function goPage(page: string): void {
  route.page = page;
  route.detail = null;
  route.trail = [];
}

function open(detail: Detail): void {
  if (route.detail) route.trail = [...route.trail, route.detail];
  route.detail = detail;
}

export function openHousehold(id: string): void {
  open({ kind: 'household', id });
}

export function openBeneficiary(id: string): void {
  open({ kind: 'beneficiary', id });
}

/** One step back: the previously open record, or the page the operator came from. */
export function back(): void {
  const previous = route.trail.at(-1) ?? null;
  route.trail = route.trail.slice(0, -1);
  route.detail = previous;
}
