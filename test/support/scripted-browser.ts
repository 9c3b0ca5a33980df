/**
 * A browser reduced to what a consent flow needs over plain HTTP: one cookie jar per origin, form
 * posts with an Origin header, redirects followed by hand. Used by the node tests and the flow bench.
 */
export class ScriptedBrowser {
  readonly #jars = new Map<string, Map<string, string>>();
  readonly #timeoutMs: number | undefined;

  /** `timeoutMs`: each request is aborted after that long (the bench's deadline); none by default. */
  constructor(options: { timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.#jars.get(origin)?.get(name);
  }

  dropCookie(origin: string, name: string): void {
    this.#jars.get(origin)?.delete(name);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.#jars.get(origin) ?? new Map<string, string>();
    this.#jars.set(origin, jar);
    const headers = new Headers();
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    let body: string | undefined;
    if (init.form !== undefined) {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
      headers.set('Origin', origin);
      body = new URLSearchParams(init.form).toString();
    }
    const signal = this.#timeoutMs === undefined ? undefined : AbortSignal.timeout(this.#timeoutMs);
    const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual', signal });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** GETs `url` and follows redirects until one leaves for `stopAt` (returned, not followed) or a page answers. */
  async follow(url: string, stopAt?: (next: URL) => boolean): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 10; hops += 1) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
      const next = new URL(location, current);
      await response.body?.cancel();
      if (stopAt?.(next) === true) return { response, url: next.href };
      current = next.href;
    }
    throw new Error('too many redirects');
  }
}
