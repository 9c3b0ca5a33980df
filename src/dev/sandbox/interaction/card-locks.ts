/** Wrong PINs in a row before a card locks, as on a real My Number card. */
export const PIN_ATTEMPTS = 3;

/** Wrong-PIN counters of the test cards, kept in memory for the life of the process. */
export class CardLocks {
  readonly #failures = new Map<string, number>();

  isLocked(personaId: string): boolean {
    return (this.#failures.get(personaId) ?? 0) >= PIN_ATTEMPTS;
  }

  /** Counts a wrong PIN and returns how many tries remain; 0 means the card is now locked. */
  recordWrongPin(personaId: string): number {
    const failures = (this.#failures.get(personaId) ?? 0) + 1;
    this.#failures.set(personaId, failures);
    return Math.max(PIN_ATTEMPTS - failures, 0);
  }

  /** A right PIN resets the counter of a card that is not locked. */
  recordRightPin(personaId: string): void {
    this.#failures.delete(personaId);
  }
}
