/**
 * Fault injection for the replay server. A rule applies to a request when its endpoint and TeamID
 * filters match, it is within its first `firstN` matching requests, and a draw falls under `rate`.
 * Rules are given as JSON (POST /__faults, programmatic API) or as CLI specs
 * `kind?key=value&key=value`, e.g. `rate-limit?teams=1610612737,1610612738&retryAfter=2&firstN=3`.
 * `cutoff` and `budget` are the exceptions, modelled on how stats.nba.com throttles: the whole API stops
 * answering (`mode`) for a while, whatever the endpoint or team. `cutoff` does so after every `every`
 * answered requests; `budget` when more than `requests` answers fall in any `window`-second sliding
 * window (a model of users' reports of a pace limit, not a fact about the real API: replay/README.md).
 */
import { z } from 'zod';
import { seededRandom } from './random.js';

export const FAULT_KINDS = [
  'latency', // delay the answer by latencyMs
  'hang', // never answer (the client must time out)
  'rate-limit', // 429 (or 503) with Retry-After
  'server-error', // 500 (or another 5xx)
  'reset', // TCP reset, no response
  'malformed-json', // a truncated JSON body
  'missing-column', // drop one column from the result set
  'drop-team-games', // leaguegamefinder rows of the given teams (all if none given) removed
  'row-cap', // an answer of more than `rows` rows cut to its first `rows`, like an endpoint's cap
  'cutoff', // after every `every` answered requests, all requests get `mode` for `seconds`
  'budget', // more than `requests` answers in any `window` seconds: all requests get `mode` for `cutoff` seconds
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultRuleSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    /** probability 0..1 that a matching request gets the fault (default 1) */
    rate: z.number().min(0).max(1).optional(),
    /** only requests with one of these TeamIDs (drop-team-games: also all-team requests, rows of these teams) */
    teamIds: z.array(z.number().int().positive()).optional(),
    /** only this endpoint, e.g. 'leaguegamefinder' */
    endpoint: z.string().min(1).optional(),
    /** only the first N matching requests */
    firstN: z.number().int().nonnegative().optional(),
    /** latency: added delay (default 100 ms) */
    latencyMs: z.number().int().nonnegative().optional(),
    /** rate-limit: 429 (default) or 503; server-error: 500 (default) or another 5xx */
    status: z.number().int().min(400).max(599).optional(),
    /** rate-limit: Retry-After value, delay-seconds or an HTTP date (default "1"; "" sends none) */
    retryAfter: z.union([z.string(), z.number().int().nonnegative().transform(String)]).optional(),
    /** missing-column: the header to remove (default PLUS_MINUS / PLAYER_ID by endpoint) */
    column: z.string().min(1).optional(),
    /** row-cap: the most rows a result set keeps (required) */
    rows: z.number().int().positive().optional(),
    /** cutoff: answered requests between two cutoffs (default 25) */
    every: z.number().int().positive().optional(),
    /** cutoff: how long each cutoff lasts (default 15) */
    seconds: z.number().positive().optional(),
    /** budget: answers allowed in any sliding window (default 20) … */
    requests: z.number().int().positive().optional(),
    /** … of this many seconds (default 10) … */
    window: z.number().positive().optional(),
    /** … before the address is cut off for this many seconds (default 30) */
    cutoff: z.number().positive().optional(),
    /** cutoff, budget: 'hang' (default, how stats.nba.com cuts clients off) or an HTTP status such as 403, 429, 503 */
    mode: z.union([z.literal('hang'), z.number().int().min(400).max(599)]).optional(),
  })
  .strict()
  .refine((rule) => rule.kind !== 'row-cap' || rule.rows !== undefined, {
    message: 'row-cap needs rows (the cap), e.g. row-cap?rows=5000',
    path: ['rows'],
  });
export type FaultRule = z.input<typeof FaultRuleSchema>;
type ParsedRule = z.output<typeof FaultRuleSchema>;

export const FaultListSchema = z.array(FaultRuleSchema);

/** Validates rules (throws a readable Error on bad input). */
export function validateFaults(input: unknown): ParsedRule[] {
  const list = Array.isArray(input) ? input : (input as { faults?: unknown } | null)?.faults;
  const parsed = FaultListSchema.safeParse(list);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid faults: ${problems}`);
  }
  return parsed.data;
}

const SPEC_KEYS: Record<string, (rule: Record<string, unknown>, value: string) => void> = {
  rate: (r, v) => (r.rate = Number(v)),
  teams: (r, v) => (r.teamIds = v.split(',').filter(Boolean).map(Number)),
  teamIds: (r, v) => (r.teamIds = v.split(',').filter(Boolean).map(Number)),
  endpoint: (r, v) => (r.endpoint = v),
  firstN: (r, v) => (r.firstN = Number(v)),
  ms: (r, v) => (r.latencyMs = Number(v)),
  latencyMs: (r, v) => (r.latencyMs = Number(v)),
  status: (r, v) => (r.status = Number(v)),
  retryAfter: (r, v) => (r.retryAfter = v),
  column: (r, v) => (r.column = v),
  rows: (r, v) => (r.rows = Number(v)),
  every: (r, v) => (r.every = Number(v)),
  seconds: (r, v) => (r.seconds = Number(v)),
  mode: (r, v) => (r.mode = v === 'hang' ? v : Number(v)),
  requests: (r, v) => (r.requests = Number(v)),
  window: (r, v) => (r.window = Number(v)),
  cutoff: (r, v) => (r.cutoff = Number(v)),
};

/** `kind?key=value&…` → a validated rule. */
export function parseFaultSpec(spec: string): ParsedRule {
  const [kind, query = ''] = spec.split(/\?(.*)/s, 2) as [string, string?];
  const rule: Record<string, unknown> = { kind: kind.trim() };
  for (const [key, value] of new URLSearchParams(query)) {
    const set = SPEC_KEYS[key];
    if (!set)
      throw new Error(`fault '${spec}': unknown key '${key}' (known: ${Object.keys(SPEC_KEYS).join(', ')})`);
    set(rule, value);
  }
  try {
    return validateFaults([rule])[0] as ParsedRule;
  } catch (error) {
    throw new Error(`fault '${spec}': ${(error as Error).message}`, { cause: error });
  }
}

export interface FaultRequest {
  endpoint: string;
  teamId: number | undefined;
}

export const CUTOFF_DEFAULTS = { every: 25, seconds: 15, mode: 'hang' } as const;
export const BUDGET_DEFAULTS = { requests: 20, window: 10, cutoff: 30 } as const;

/** The rules that cut the whole API off for a while (by time, not per request). */
const CUTTING_KINDS: ReadonlySet<FaultKind> = new Set(['cutoff', 'budget']);

/**
 * A cutting rule's state: the times of the answers that count towards the next cutoff (for
 * `cutoff`, only how many matters; for `budget`, those within the sliding window), and the current
 * cutoff's end.
 */
interface CutoffState {
  answers: number[];
  /** ordinal (1-based) of the current or last cutoff; 0 before the first */
  ordinal: number;
  until: number;
}

/** When an answer at `now` starts a cutoff under `rule`, how long that cutoff lasts (ms); else undefined. */
function cutoffAfterAnswer(rule: ParsedRule, state: CutoffState, now: number): number | undefined {
  if (rule.kind === 'budget') {
    const windowMs = (rule.window ?? BUDGET_DEFAULTS.window) * 1000;
    state.answers = state.answers.filter((t) => t > now - windowMs);
    return state.answers.length > (rule.requests ?? BUDGET_DEFAULTS.requests)
      ? (rule.cutoff ?? BUDGET_DEFAULTS.cutoff) * 1000
      : undefined;
  }
  return state.answers.length >= (rule.every ?? CUTOFF_DEFAULTS.every)
    ? (rule.seconds ?? CUTOFF_DEFAULTS.seconds) * 1000
    : undefined;
}

/** Holds the active rules, their match counters and the random source. */
export class FaultBook {
  private rules: { rule: ParsedRule; matched: number; cutoff?: CutoffState }[] = [];
  private readonly random: () => number;

  constructor(rules: unknown[] = [], seed: number = Date.now()) {
    this.random = seededRandom(seed);
    this.set(rules);
  }

  set(rules: unknown[]): void {
    this.rules = validateFaults(rules).map((rule) => ({
      rule,
      matched: 0,
      ...(CUTTING_KINDS.has(rule.kind) ? { cutoff: { answers: [], ordinal: 0, until: 0 } } : {}),
    }));
  }

  /**
   * The cutoff a request arriving at `now` falls into: its ordinal and mode, or undefined when
   * the API is serving. Cutoffs ignore the endpoint, team and rate filters: the whole API goes dark.
   */
  cutoffAt(now: number): { ordinal: number; mode: 'hang' | number; retryAfter?: string } | undefined {
    for (const { rule, cutoff } of this.rules) {
      if (!cutoff || now >= cutoff.until) continue;
      return {
        ordinal: cutoff.ordinal,
        mode: rule.mode ?? CUTOFF_DEFAULTS.mode,
        ...(rule.retryAfter !== undefined ? { retryAfter: rule.retryAfter } : {}),
      };
    }
    return undefined;
  }

  /** A request was answered normally at `now`: a cutting rule whose limit it reaches starts a cutoff. */
  answered(now: number): void {
    for (const { rule, cutoff } of this.rules) {
      if (!cutoff || now < cutoff.until) continue;
      cutoff.answers.push(now);
      const lastsMs = cutoffAfterAnswer(rule, cutoff, now);
      if (lastsMs === undefined) continue;
      cutoff.answers = [];
      cutoff.ordinal += 1;
      cutoff.until = now + lastsMs;
    }
  }

  clear(): void {
    this.rules = [];
  }

  list(): ParsedRule[] {
    return this.rules.map(({ rule }) => rule);
  }

  /** The rules that fire for this request, in the order given. */
  draw(request: FaultRequest): ParsedRule[] {
    const firing: ParsedRule[] = [];
    for (const entry of this.rules) {
      const { rule } = entry;
      if (CUTTING_KINDS.has(rule.kind)) continue; // by time, not per request: see cutoffAt
      if (rule.endpoint && rule.endpoint.toLowerCase() !== request.endpoint) continue;
      if (rule.teamIds) {
        const allTeams = request.teamId === undefined;
        const listed = request.teamId !== undefined && rule.teamIds.includes(request.teamId);
        if (!listed && !(rule.kind === 'drop-team-games' && allTeams)) continue;
      }
      entry.matched += 1;
      if (rule.firstN !== undefined && entry.matched > rule.firstN) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      firing.push(rule);
    }
    return firing;
  }
}
