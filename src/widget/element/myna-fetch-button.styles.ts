import { unsafeCSS } from 'lit';

/**
 * A constant: nothing from outside ever reaches it, so `unsafeCSS` is safe here, and it spares the
 * bundle Lit's `css` tag (with its interpolation checks and error messages).
 */
export const mynaFetchButtonStyles = unsafeCSS(`
:host {
  --myna-accent: #0b57d0;
  --myna-on-accent: #fff;
  --myna-error: #b3261e;
  --myna-radius: 8px;
  --myna-font: inherit;
  --myna-focus-ring: 3px solid #1a73e8;
  --myna-surface: #fff;

  display: inline-block;
  max-inline-size: 100%;
  font: var(--myna-font);
}

:host([hidden]) {
  display: none;
}

button {
  min-block-size: 44px;
  min-inline-size: 44px;
  padding: 0.5em 1.25em;
  border: 2px solid var(--myna-accent);
  border-radius: var(--myna-radius);
  background: transparent;
  color: var(--myna-accent);
  font: inherit;
  cursor: pointer;
}

button.primary {
  background: var(--myna-accent);
  color: var(--myna-on-accent);
}

button:disabled {
  cursor: progress;
  opacity: 0.7;
}

button:focus-visible,
input:focus-visible {
  outline: var(--myna-focus-ring);
  outline-offset: 2px;
}

[part='status'] {
  margin-block-start: 0.5em;
}

[part='status']:empty {
  display: none;
}

:host(:state(error)) [part='status'] {
  color: var(--myna-error);
}

[part='actions'] {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5em;
  margin-block-start: 0.5em;
}

[part='review'] {
  margin: 0.5em 0 0;
}

[part='review'] dd {
  margin: 0 0 0.5em;
}

dialog {
  max-inline-size: min(36rem, calc(100vw - 2rem));
  max-block-size: calc(100dvh - 2rem);
  overflow: auto;
  border: none;
  border-radius: var(--myna-radius);
  background: var(--myna-surface);
  color: inherit;
  font: var(--myna-font);
}

dialog::backdrop {
  background: rgb(0 0 0 / 0.45);
}

h2 {
  margin-block-start: 0;
  font-size: 1.125em;
}

dialog h2 {
  font-size: 1.25em;
}

dialog h3 {
  font-size: 1em;
}

dialog [part='actions'] button {
  flex: 1 1 12em;
}

[part='notice'],
[part='fallback'] {
  margin-block-start: 0.5em;
  padding: 0.75em 1em;
  border: 2px solid var(--myna-accent);
  border-radius: var(--myna-radius);
  background: var(--myna-surface);
}

.field {
  display: grid;
  gap: 0.25em;
  margin-block-end: 0.75em;
}

.field input {
  min-block-size: 44px;
  padding: 0 0.5em;
  font: inherit;
}

.field input[aria-invalid='true'] {
  border: 2px solid var(--myna-error);
}

.field-error {
  margin: 0;
  color: var(--myna-error);
}

.when,
.value {
  font-weight: bold;
}

.target,
.elapsed {
  display: block;
  font-size: 0.875em;
}

[part='progress'] {
  display: block;
  inline-size: 100%;
  max-inline-size: 20em;
  accent-color: var(--myna-accent);
}

`);
