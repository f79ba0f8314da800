/**
 * Every request to /stats/* is recorded: totals per endpoint and per query (endpoint + non-empty
 * parameters, sorted), and a per-request log with timestamps so tests can check pacing.
 */
export interface LoggedRequest {
  seq: number;
  /** arrival, ISO */
  at: string;
  /** arrival, ms since epoch */
  t: number;
  endpoint: string;
  /** parameters as received, in received order ('' for empty) */
  params: Record<string, string>;
  /** the raw query string, as sent */
  query: string;
  /** request headers as received (lower-case names) */
  headers: Record<string, string>;
  /** fault kinds applied */
  faults: string[];
  /** ordinal of the cutoff this request fell into (see the `cutoff` fault) */
  cutoff?: number;
  /** response status, once answered (absent for hangs and resets) */
  status?: number;
  /** 'verbatim' (recorded body), 'synthesized' or 'error' */
  source?: string;
  note?: string;
}

export interface RequestStats {
  total: number;
  perEndpoint: Record<string, number>;
  /** key: 'leaguegamefinder?LeagueID=00&PlayerOrTeam=T&Season=2023-24&…' (non-empty params, sorted) */
  perQuery: Record<string, number>;
  /** requests that fell inside a cutoff, in all and per cutoff ordinal */
  cutoffs: { requests: number; perCutoff: Record<string, number> };
  log: LoggedRequest[];
}

export function queryLabel(endpoint: string, params: Record<string, string>): string {
  const kept = Object.entries(params)
    .filter(([, v]) => v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  return `${endpoint}?${kept.join('&')}`;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq' | 'at' | 't' | 'faults'>, now = new Date()): LoggedRequest {
    const logged: LoggedRequest = {
      seq: ++this.seq,
      at: now.toISOString(),
      t: now.getTime(),
      faults: [],
      ...entry,
    };
    this.entries.push(logged);
    return logged;
  }

  reset(): void {
    this.entries = [];
  }

  stats(): RequestStats {
    const perEndpoint: Record<string, number> = {};
    const perQuery: Record<string, number> = {};
    const cutoffs = { requests: 0, perCutoff: {} as Record<string, number> };
    for (const entry of this.entries) {
      if (entry.cutoff !== undefined) {
        cutoffs.requests += 1;
        cutoffs.perCutoff[entry.cutoff] = (cutoffs.perCutoff[entry.cutoff] ?? 0) + 1;
      }
      perEndpoint[entry.endpoint] = (perEndpoint[entry.endpoint] ?? 0) + 1;
      const label = queryLabel(entry.endpoint, entry.params);
      perQuery[label] = (perQuery[label] ?? 0) + 1;
    }
    return {
      total: this.entries.length,
      perEndpoint,
      perQuery,
      cutoffs,
      log: this.entries.map((e) => ({ ...e })),
    };
  }
}
