/** Keeps `value` as JSON in this tab's sessionStorage: per tab, gone with it, never sent anywhere. */
export function keepInSession(key: string, value: unknown): void {
  sessionStorage.setItem(key, JSON.stringify(value));
}

/** Takes the entry back once: it is removed, and null when absent or not JSON. */
export function takeFromSession(key: string): unknown {
  const stored = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  try {
    return stored && JSON.parse(stored);
  } catch {
    return null;
  }
}
