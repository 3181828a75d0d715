import type { Destination } from './status.ts';

/** Block names are typed by operators: compare them without case and spaces ("Parli Vaijnath" = "parlivaijnath"). */
export function sameBlock(a: string, b: string): boolean {
  const normal = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, '');
  return normal(a) !== '' && normal(a) === normal(b);
}

/** The state code offices store for Maharashtra (ISO 3166-2:IN). */
export const HOME_STATE = 'MH';

/** Whether a destination lies in the block an office serves. */
export function inBlock(destination: Destination | null, office: { districtLgd: number; blockName: string }): boolean {
  return (
    destination !== null &&
    destination.state === HOME_STATE &&
    destination.districtLgd === office.districtLgd &&
    destination.block !== null &&
    sameBlock(destination.block, office.blockName)
  );
}
