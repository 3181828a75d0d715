export { renderCards, renderCardsToFile, CARDS_PER_A4, type CardLayout, type CardSource, type RenderCardsOptions } from './card-sheets.ts';
export { renderFamilySheet, sheetServices, type FamilySheetOptions } from './family-sheet.ts';
export {
  renderBlankRegistrationForm,
  renderFilledRegistrationForm,
  type FilledFormView,
  type FormRenderOptions,
  type FormValue,
} from './registration-form.ts';
export { benchRenderCards, benchBareCards } from './bench.ts';
export { sampleCardView, sampleCardViews } from './sample.ts';
export { groupMtsId, assertMaskedAadhaar, PrintInputError } from './format.ts';
export { PAGE } from './pdf.ts';
export type { ProgressFn } from './stream.ts';
export type {
  AwcRef,
  Bilingual,
  CardView,
  Destination,
  FamilyMemberView,
  FamilySheetView,
  HomePlace,
  WorkSector,
} from './views.ts';
