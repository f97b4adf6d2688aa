/**
 * The little of a browser an OIDC sign-in needs: it follows redirects across
 * origins and keeps each origin's cookies (Max-Age=0 removes one). It stops at
 * the console (the end of every sign-in, successful or not), or at any answer
 * that is not a redirect.
 */
export class RedirectBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every URL the browser was sent to, in order. */
  readonly visited: URL[] = [];

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    this.jarOf(origin).set(name, value);
  }

  /**
   * Opens `url` and follows redirects; returns the last answer and where it
   * came from. `stopAt` leaves a URL unopened: the answer is the redirect to it.
   */
  async open(url: string | URL, stopAt: (url: URL) => boolean = () => false): Promise<{ readonly url: URL; readonly response: Response }> {
    let at = new URL(url);
    for (let hop = 0; hop < 20; hop += 1) {
      this.visited.push(at);
      const jar = this.jarOf(at.origin);
      const response = await fetch(at, {
        redirect: 'manual',
        headers: { accept: 'text/html', ...(jar.size > 0 ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}) },
      });
      for (const header of response.headers.getSetCookie()) this.keep(jar, header);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location || at.pathname.startsWith('/console')) return { url: at, response };
      await response.arrayBuffer();
      at = new URL(location, at);
      if (at.pathname.startsWith('/console') || stopAt(at)) {
        this.visited.push(at);
        return { url: at, response };
      }
    }
    throw new Error(`more than 20 redirects from ${String(url)}`);
  }

  private jarOf(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  private keep(jar: Map<string, string>, header: string): void {
    const [pair, ...attributes] = header.split(';');
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at).trim();
    const value = pair!.slice(at + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}
