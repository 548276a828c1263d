/**
 * A candidate's browser over real HTTP: one session cookie and the page's CSRF token, as a
 * browser without JavaScript would carry them. Used against server processes (crash safety,
 * the load test, the benchmark), where supertest's in-process agent does not apply.
 */
export class CandidateClient {
  cookie = '';
  csrf = '';

  constructor(public baseUrl: string) {}

  async get(pathname: string): Promise<Response> {
    const response = await fetch(this.baseUrl + pathname, {
      redirect: 'manual',
      headers: { cookie: this.cookie },
    });
    this.keep(response);
    const token = /name="_csrf" value="([^"]+)"/.exec(await response.clone().text())?.[1];
    if (token) this.csrf = token;
    return response;
  }

  /** A form post; `json` asks for the autosave answer instead of a redirect. */
  async post(
    pathname: string,
    fields: Record<string, string> | [string, string][],
    json = false,
  ): Promise<Response> {
    const response = await fetch(this.baseUrl + pathname, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: this.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: json ? 'application/json' : 'text/html',
        'x-csrf-token': this.csrf,
      },
      body: new URLSearchParams(fields),
    });
    this.keep(response);
    return response;
  }

  private keep(response: Response): void {
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
  }
}
