import { MynaAvailabilityWeek } from './myna-availability-week.js';

/** Registers `<myna-availability-week>` once; a second call (or a second copy of the script) is harmless. */
export function defineMynaAvailabilityWeek(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('myna-availability-week')) registry.define('myna-availability-week', MynaAvailabilityWeek);
}

declare global {
  interface HTMLElementTagNameMap {
    'myna-availability-week': MynaAvailabilityWeek;
  }
}
