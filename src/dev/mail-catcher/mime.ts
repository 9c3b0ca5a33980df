/**
 * Just enough MIME (RFC 2045–2047) to show a caught mail: headers with encoded words, nested
 * multiparts, base64 and quoted-printable bodies, charsets Node's TextDecoder knows.
 */
export interface ParsedMail {
  subject: string;
  from: string;
  to: string;
  date: string;
  messageId: string;
  text: string | null;
  html: string | null;
}

interface Part {
  headers: Map<string, string>;
  /** Body bytes as a latin1 string (one character per byte). */
  body: string;
}

export function parseMail(raw: Buffer): ParsedMail {
  // SMTP data ends with the line break before its final "."; it is not part of the body.
  const root = splitPart(raw.toString('latin1').replace(/\r?\n$/, ''));
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  collectBodies(root, found, 0);
  // Show line breaks as the sender meant them, not as SMTP carries them.
  if (found.text !== null) found.text = found.text.replace(/\r\n/g, '\n');
  if (found.html !== null) found.html = found.html.replace(/\r\n/g, '\n');
  // Raw 8-bit header bytes (SMTPUTF8) are UTF-8; encoded words are decoded after that.
  const header = (name: string) => decodeWords(Buffer.from(root.headers.get(name) ?? '', 'latin1').toString('utf8'));
  return {
    subject: header('subject'),
    from: header('from'),
    to: header('to'),
    date: header('date'),
    messageId: header('message-id'),
    ...found,
  };
}

function splitPart(source: string): Part {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match === null ? source : source.slice(0, match.index);
  const body = match === null ? '' : source.slice(match.index + match[0].length);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectBodies(part: Part, found: { text: string | null; html: string | null }, depth: number): void {
  const { type, parameters } = contentType(part.headers.get('content-type'));
  if (type.startsWith('multipart/')) {
    const boundary = parameters.get('boundary');
    if (boundary === undefined || depth > 10) return;
    for (const child of splitMultipart(part.body, boundary)) collectBodies(splitPart(child), found, depth + 1);
    return;
  }
  if (/^attachment/i.test(part.headers.get('content-disposition') ?? '')) return;
  if (type !== 'text/plain' && type !== 'text/html') return;
  const text = decodeText(decodeTransfer(part.body, part.headers.get('content-transfer-encoding')), parameters.get('charset'));
  if (type === 'text/plain') found.text ??= text;
  else found.html ??= text;
}

function contentType(value: string | undefined): { type: string; parameters: Map<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals < 0) continue;
    parameters.set(parameter.slice(0, equals).trim().toLowerCase(), parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase(), parameters };
}

/** The parts between delimiter lines; the line break before a delimiter belongs to the delimiter (RFC 2046). */
function splitMultipart(body: string, boundary: string): string[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let start: number | undefined;
  for (const match of body.matchAll(delimiter)) {
    if (start !== undefined) parts.push(body.slice(start, match.index));
    if (match[1] === '--') return parts;
    start = match.index + match[0].length;
  }
  if (start !== undefined) parts.push(body.slice(start));
  return parts;
}

function decodeTransfer(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(decodeQuotedPrintable(body), 'latin1');
    default:
      return Buffer.from(body, 'latin1');
  }
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeText(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); whitespace between two of them goes. */
export function decodeWords(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  return value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(word, (whole, charset: string, encoding: string, data: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    try {
      return new TextDecoder(charset.split('*')[0]).decode(bytes);
    } catch {
      return whole;
    }
  });
}
