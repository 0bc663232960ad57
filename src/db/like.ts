/** Escapes LIKE wildcards (and the escape character) in user text, so it matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
