// Escapes LIKE/ILIKE wildcards in user text, so a search for "50%" finds "50%" and not "50…".
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
