import { css } from 'lit';

export const mynaFetchButtonStyles = css`
  :host {
    --myna-accent: #0b57d0;
    --myna-on-accent: #ffffff;
    --myna-error: #b3261e;
    --myna-radius: 8px;
    --myna-font: inherit;
    --myna-focus-ring: 3px solid #1a73e8;

    display: inline-block;
    font: var(--myna-font);
  }

  :host([hidden]) {
    display: none;
  }

  button {
    min-block-size: 44px;
    min-inline-size: 44px;
    padding: 0.5em 1.25em;
    border: none;
    border-radius: var(--myna-radius);
    background: var(--myna-accent);
    color: var(--myna-on-accent);
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible {
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
`;
