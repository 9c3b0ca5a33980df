/** The screens' only stylesheet, served from the sandbox's own origin (CSP `style-src 'self'`). */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b5cad; --error: #b00020; --line: #8a8a8a; }
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; font-size: 1rem; line-height: 1.7; color: var(--ink); background: #fff; }
.site-header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; padding: 0.5rem 1rem; border-bottom: 4px solid var(--accent); }
.site-name { margin: 0; font-weight: 700; }
.sandbox-notice { margin: 0; padding: 0.5rem 1rem; background: #fff4ce; border-bottom: 1px solid #d8b600; font-size: 0.9rem; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; line-height: 1.4; margin: 0.5rem 0 1rem; }
a { color: var(--accent); }
a, button, input, summary { min-height: 44px; }
a.language-switch { display: inline-flex; align-items: center; padding: 0 0.75rem; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.request-summary dt { font-weight: 700; margin-top: 0.75rem; }
.request-summary dd { margin: 0 0 0 1rem; }
.requested-items { padding-left: 1.25rem; }
.item-source { color: var(--muted); }
details summary { display: flex; align-items: center; cursor: pointer; color: var(--accent); }
.step-form { margin-top: 1.5rem; }
.choice { display: grid; grid-template-columns: 44px 1fr; align-items: center; margin: 0.5rem 0; }
.choice input { width: 28px; height: 28px; margin: 8px; }
.choice label { min-height: 44px; display: flex; align-items: center; font-weight: 700; cursor: pointer; }
.choice .field-error, .choice-description { grid-column: 1 / -1; margin: 0; }
.choice-description { grid-column: 2; color: var(--muted); font-size: 0.9rem; }
fieldset { border: 1px solid var(--line); padding: 0.5rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
.field label { display: block; font-weight: 700; }
.hint { margin: 0.25rem 0; color: var(--muted); font-size: 0.9rem; }
input[type="password"] { font-size: 1.25rem; padding: 0.5rem; border: 2px solid var(--ink); letter-spacing: 0.3em; max-width: 100%; }
.has-error input[type="password"], .has-error input[type="checkbox"] { outline: 3px solid var(--error); }
.field-error { color: var(--error); font-weight: 700; margin: 0.25rem 0; }
.error-summary { border: 4px solid var(--error); padding: 0.75rem 1rem; margin-bottom: 1rem; }
.error-summary h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
.error-summary a { color: var(--error); font-weight: 700; }
button { font: inherit; font-weight: 700; padding: 0.5rem 1.25rem; border-radius: 4px; cursor: pointer; width: 100%; max-width: 24rem; }
button.primary { margin-top: 1rem; background: var(--accent); color: #fff; border: 2px solid var(--accent); }
button.secondary { background: #fff; color: var(--accent); border: 2px solid var(--accent); }
.cancel-form { margin-top: 0.75rem; }
`;
