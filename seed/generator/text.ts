/** Small English helpers for generated prose. */

/** The text with its first letter upper-cased (sentence starts). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a" or "an" for the word that follows. */
export function indefinite(word: string): 'a' | 'an' {
  return /^[aeiouAEIOU]/.test(word) ? 'an' : 'a';
}

/** Fills `{KEY}` slots; a slot without a value is left as is so a missing one shows in review. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Z0-9]+)\}/g, (slot, key: string) => values[key] ?? slot);
}

/** The lowercase-and-hyphens slug of a name ("Senn Herald" -> "senn-herald"). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A whole number with thousands separators ("1,500"). */
export function withThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
