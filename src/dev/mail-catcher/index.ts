/** Development mail catcher: SMTP in, an HTTP page out. Never for production. */
export { startMailCatcher, type CaughtMail, type MailCatcher, type MailCatcherOptions } from './catcher.js';
export { parseMail, decodeWords, type ParsedMail } from './mime.js';
