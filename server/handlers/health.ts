// /healthz, /livez and /readyz in kube-apiserver's format: "ok", or with ?verbose one
// "[+]name ok" line per check; ?exclude=name skips a check; /readyz/<name> runs one check.

export interface HealthCheck {
  name: string;
  /** Returns undefined when healthy, else the failure reason (withheld from the response). */
  check(): string | undefined;
}

export interface HealthResponse {
  code: number;
  body: string;
}

export class HealthEndpoint {
  constructor(
    readonly name: 'healthz' | 'livez' | 'readyz',
    private readonly checks: HealthCheck[],
  ) {}

  /** `sub` is the check name of /readyz/<name>, or "" for the whole endpoint. */
  respond(sub: string, query: URLSearchParams): HealthResponse {
    if (sub) {
      const c = this.checks.find((x) => x.name === sub);
      if (!c) return { code: 404, body: '404 page not found\n' };
      const failure = c.check();
      return failure === undefined ? { code: 200, body: 'ok' } : { code: 500, body: `internal server error: ${sub} failed\n` };
    }
    const excluded = new Set(query.getAll('exclude').flatMap((e) => e.split(',')).filter(Boolean));
    const lines: string[] = [];
    let failed = false;
    for (const c of this.checks) {
      if (excluded.delete(c.name)) {
        lines.push(`[+]${c.name} excluded: ok`);
        continue;
      }
      const failure = c.check();
      if (failure === undefined) lines.push(`[+]${c.name} ok`);
      else {
        failed = true;
        lines.push(`[-]${c.name} failed: reason withheld`);
      }
    }
    if (excluded.size) lines.push(`warn: some health checks cannot be excluded: no matches for ${[...excluded].map((e) => `"${e}"`).join(',')}`);
    if (failed) return { code: 500, body: `${lines.join('\n')}\n${this.name} check failed\n` };
    if (!query.has('verbose')) return { code: 200, body: 'ok' };
    return { code: 200, body: `${lines.join('\n')}\n${this.name} check passed\n` };
  }
}
