/**
 * Fault injection for the replay server. A rule applies to a request when its endpoint and TeamID
 * filters match, it is within its first `firstN` matching requests, and a draw falls under `rate`.
 * Rules are given as JSON (POST /__faults, programmatic API) or as CLI specs
 * `kind?key=value&key=value`, e.g. `rate-limit?teams=1610612737,1610612738&retryAfter=2&firstN=3`.
 * `cutoff` is the exception, modelled on how stats.nba.com throttles: after every `every` answered
 * requests the whole API stops answering (`mode`) for `seconds`, whatever the endpoint or team.
 */
import { z } from 'zod';

export const FAULT_KINDS = [
  'latency', // delay the answer by latencyMs
  'hang', // never answer (the client must time out)
  'rate-limit', // 429 (or 503) with Retry-After
  'server-error', // 500 (or another 5xx)
  'reset', // TCP reset, no response
  'malformed-json', // a truncated JSON body
  'missing-column', // drop one column from the result set
  'drop-team-games', // leaguegamefinder rows of the given teams (all if none given) removed
  'cutoff', // after every `every` answered requests, all requests get `mode` for `seconds`
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
    /** cutoff: answered requests between two cutoffs (default 25) */
    every: z.number().int().positive().optional(),
    /** cutoff: how long each cutoff lasts (default 15) */
    seconds: z.number().positive().optional(),
    /** cutoff: 'hang' (default, how stats.nba.com cuts clients off) or an HTTP status such as 403, 429, 503 */
    mode: z.union([z.literal('hang'), z.number().int().min(400).max(599)]).optional(),
  })
  .strict();
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
  every: (r, v) => (r.every = Number(v)),
  seconds: (r, v) => (r.seconds = Number(v)),
  mode: (r, v) => (r.mode = v === 'hang' ? v : Number(v)),
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

/** A cutoff rule's state: answers counted since the last cutoff, and the current cutoff's window. */
interface CutoffState {
  answered: number;
  /** ordinal (1-based) of the current or last cutoff; 0 before the first */
  ordinal: number;
  until: number;
}

/** Holds the active rules, their match counters and the random source. */
export class FaultBook {
  private rules: { rule: ParsedRule; matched: number; cutoff?: CutoffState }[] = [];
  private readonly random: () => number;

  constructor(rules: unknown[] = [], seed: number = Date.now()) {
    this.random = mulberry32(seed);
    this.set(rules);
  }

  set(rules: unknown[]): void {
    this.rules = validateFaults(rules).map((rule) => ({
      rule,
      matched: 0,
      ...(rule.kind === 'cutoff' ? { cutoff: { answered: 0, ordinal: 0, until: 0 } } : {}),
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

  /** A request was answered normally at `now`: every `every`th answer starts a cutoff. */
  answered(now: number): void {
    for (const { rule, cutoff } of this.rules) {
      if (!cutoff || now < cutoff.until) continue;
      cutoff.answered += 1;
      if (cutoff.answered < (rule.every ?? CUTOFF_DEFAULTS.every)) continue;
      cutoff.answered = 0;
      cutoff.ordinal += 1;
      cutoff.until = now + (rule.seconds ?? CUTOFF_DEFAULTS.seconds) * 1000;
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
      if (rule.kind === 'cutoff') continue; // by time, not per request: see cutoffAt
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

/** Small seeded PRNG so fault runs are reproducible with --seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
