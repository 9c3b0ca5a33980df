import type { ReactiveControllerHost } from 'lit';
import type { Messages } from '../i18n/index.js';

/** zod's `z.email()` pattern, which the relay applies: checking here first saves the user a round trip. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const MAX_EMAIL_LENGTH = 254;

export type FallbackField = 'email' | 'emailConfirmation';
export type FallbackErrors = Partial<Record<FallbackField, string>>;

/** State of the email fallback form (guideline figure 6-2): values, inline errors, one submission at a time. */
export class FallbackForm {
  email = '';
  emailConfirmation = '';
  errors: FallbackErrors = {};
  submitting = false;
  /** One key per form: a retried or doubled submit can never register twice. */
  idempotencyKey = crypto.randomUUID();

  readonly #host: ReactiveControllerHost;

  /** Not a controller: the form has no part in the host's lifecycle, it only asks it to render again. */
  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  reset(): void {
    this.email = '';
    this.emailConfirmation = '';
    this.errors = {};
    this.submitting = false;
    this.idempotencyKey = crypto.randomUUID();
    this.#host.requestUpdate();
  }

  update(field: FallbackField, value: string): void {
    this[field] = value;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    this.#host.requestUpdate();
  }

  /** Sets the inline errors; true when the form may be sent. */
  validate(messages: Messages): boolean {
    const email = this.email.trim();
    const errors: FallbackErrors = {};
    if (email === '') errors.email = messages.fallbackEmailRequired;
    else if (email.length > MAX_EMAIL_LENGTH) errors.email = messages.fallbackEmailTooLong;
    else if (!EMAIL.test(email)) errors.email = messages.fallbackEmailInvalid;
    if (this.emailConfirmation.trim() !== email) errors.emailConfirmation = messages.fallbackMismatch;
    this.setErrors(errors);
    return Object.keys(errors).length === 0;
  }

  /** The relay refused the address itself (`field` is `email` or `emailConfirmation`): shown inline like ours. */
  refuse(field: FallbackField, code: string, messages: Messages): void {
    const message = code === 'email-mismatch' ? messages.fallbackMismatch : code === 'email-too-long' ? messages.fallbackEmailTooLong : messages.fallbackEmailInvalid;
    this.submitting = false;
    this.setErrors({ [field]: message });
  }

  setErrors(errors: FallbackErrors): void {
    this.errors = errors;
    this.#host.requestUpdate();
  }

  setSubmitting(submitting: boolean): void {
    this.submitting = submitting;
    this.#host.requestUpdate();
  }
}
