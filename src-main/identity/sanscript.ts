// sanscript ships CommonJS with an ES-style `export default` typing. Node's ESM loader hands us
// module.exports itself, TypeScript (nodenext) expects it under `.default`, and bundlers differ
// again; resolve it once here.
import SanscriptImport from '@indic-transliteration/sanscript';

type SanscriptApi = typeof SanscriptImport.default;

function resolve(): SanscriptApi {
  const candidate = SanscriptImport as unknown as SanscriptApi & { default?: SanscriptApi };
  if (typeof candidate.t === 'function') return candidate;
  if (candidate.default !== undefined && typeof candidate.default.t === 'function') return candidate.default;
  throw new Error('@indic-transliteration/sanscript: unexpected module shape');
}

export const Sanscript: SanscriptApi = resolve();
