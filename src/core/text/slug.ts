// File names and ids from user-given names (dataset names, run names): lower-case letters,
// digits and single dashes, so they are safe in file names, URLs and IndexedDB keys.

/** `name` as a slug of at most `maxLength` characters, or `fallback` when nothing is left. */
export function slug(name: string, fallback: string, maxLength = Infinity): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxLength).replace(/-+$/, '');
  return s || fallback;
}
