import { nameKeyTokens } from '../identity/index.ts';

/** The searchable key of a person: phonetic keys of both spellings, each word once. */
export function nameSearchKey(...names: (string | null | undefined)[]): string {
  const keys = new Set<string>();
  for (const name of names) if (name) for (const key of nameKeyTokens(name)) keys.add(key);
  return [...keys].join(' ');
}
