/**
 * Typed failures of the NBA source. Activities let these propagate: Temporal's retry policy decides
 * from `type` and `nonRetryable`. Messages name the endpoint and its non-empty parameters, never
 * headers, cookies or URL credentials.
 */
import { ApplicationFailure } from '@temporalio/common';

export const NBA_ERROR_TYPES = [
  'NbaTimeout',
  'NbaRateLimited',
  'NbaServerError',
  'NbaNetworkError',
  'NbaResponseGarbled',
  'NbaAccessDenied',
  'NbaConnectionDropped',
  'NbaClientError',
  'NbaResponseInvalid',
] as const;
export type NbaErrorType = (typeof NBA_ERROR_TYPES)[number];

export const NON_RETRYABLE_NBA_ERRORS = ['NbaClientError', 'NbaResponseInvalid'] as const;

/**
 * How stats.nba.com throttles or blocks an address (../shared/nba-data/API-FACTS.md §5): hangs
 * (timeouts), 429 or 503 with Retry-After, 403 "Access Denied", connections reset or refused. These trip
 * a run's breaker (workflows/breaker.ts); 5xx and invalid bodies are the server's or the data's fault,
 * not throttling.
 */
export const THROTTLING_NBA_ERRORS = [
  'NbaTimeout',
  'NbaRateLimited',
  'NbaAccessDenied',
  'NbaConnectionDropped',
] as const satisfies readonly NbaErrorType[];

/** True for a failure type that says the NBA API is throttling us. */
export function isThrottlingError(type: string | null | undefined): boolean {
  return (THROTTLING_NBA_ERRORS as readonly (string | null | undefined)[]).includes(type);
}

/** What an error message needs to know about the request (a subset of NbaRequest). */
export interface RequestDescription {
  endpoint: string;
  params: Record<string, string>;
}

/** "leaguegamefinder (LeagueID=00, PlayerOrTeam=T, Season=2023-24, …)": only non-empty params, sorted. */
export function describeRequest(req: RequestDescription): string {
  const shown = Object.entries(req.params)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`);
  return `${req.endpoint} (${shown.join(', ')})`;
}

export function nbaFailure(
  type: NbaErrorType,
  req: RequestDescription,
  problem: string,
  extra: { nextRetryDelayMs?: number; status?: number } = {},
): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message: `${describeRequest(req)}: ${problem}`,
    nonRetryable: (NON_RETRYABLE_NBA_ERRORS as readonly string[]).includes(type),
    details: [
      {
        endpoint: req.endpoint,
        params: req.params,
        ...(extra.status ? { status: extra.status } : {}),
        // Workflows do not see nextRetryDelay (the SDK drops it on the way in): the breaker reads this.
        ...(extra.nextRetryDelayMs !== undefined ? { retryAfterMs: extra.nextRetryDelayMs } : {}),
      },
    ],
    ...(extra.nextRetryDelayMs !== undefined ? { nextRetryDelay: extra.nextRetryDelayMs } : {}),
  });
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds from
 * `now` (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** A short, single-line excerpt of a response body for error messages. */
export function bodyExcerpt(body: string, max = 160): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
