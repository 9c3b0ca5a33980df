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

/** A whole HTML page (the relay's pages, the mail catcher): `head` and `body` are markup already escaped. */
export function htmlPage({ lang, title, head = '', body }: { lang: string; title: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;
}
