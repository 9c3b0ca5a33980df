/** Text helpers both sides use: one home each. */

/** Text for HTML (element content or a quoted attribute): the five characters that matter, as numeric references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A comma-separated list (`items`, origins, keys): entries trimmed, empty ones dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
