/** JSON with keys in sorted order and no whitespace: the bytes a signature covers. Flat objects only. */
export function canonicalJson(fields: Record<string, string | number | null>): Buffer {
  const ordered: Record<string, string | number | null> = {};
  for (const name of Object.keys(fields).sort()) ordered[name] = fields[name]!;
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}
