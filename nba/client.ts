/**
 * HTTP client for stats.nba.com (used only from activities). One attempt per call: got's retries
 * are off because Temporal owns retries; every failure is a typed ApplicationFailure (nba/errors.ts)
 * whose `type` and `nonRetryable` tell the retry policy what to do.
 */
import got, { RequestError, type Response } from 'got';
import { z } from 'zod';
import type { SeasonType } from '../domain/season.js';
import {
  commonTeamRosterRequest,
  leagueGameFinderRequest,
  leagueStandingsRequest,
  playerIndexRequest,
  toQueryString,
  type CommonTeamRosterQuery,
  type LeagueGameFinderQuery,
  type LeagueStandingsQuery,
  type NbaRequest,
  type PlayerIndexQuery,
} from './endpoints.js';
import { bodyExcerpt, nbaFailure, parseRetryAfter } from './errors.js';
import { DEFAULT_NBA_HEADERS, mergeHeaders } from './headers.js';

export interface NbaResponse {
  request: NbaRequest;
  /** the URL requested, credentials removed */
  url: string;
  body: unknown;
  /** ISO timestamp */
  fetchedAt: string;
}

export interface NbaClient {
  leagueGameFinder(q: LeagueGameFinderQuery): Promise<NbaResponse>;
  commonTeamRoster(q: { season: string; teamId: number }): Promise<NbaResponse>;
  leagueStandings(q: { season: string; seasonType: SeasonType }): Promise<NbaResponse>;
  playerIndex(q: { season: string }): Promise<NbaResponse>;
}

export interface NbaClientOptions {
  /** e.g. 'https://stats.nba.com/stats' or a replay server's `url` */
  baseUrl: string;
  timeoutMs: number;
  /** merged over the nba_api 1.11.4 defaults (case-insensitive; '' removes a header) */
  headers?: Record<string, string>;
}

/** The stats.nba.com envelope; result sets are checked column by column in parse.ts. */
const EnvelopeSchema = z.object({
  resource: z.string().optional(),
  parameters: z.unknown().optional(),
  resultSets: z.array(
    z.object({ name: z.string(), headers: z.array(z.string()), rowSet: z.array(z.array(z.unknown())) }),
  ),
});

export function createNbaClient(opts: NbaClientOptions): NbaClient {
  const baseUrl = parseBaseUrl(opts.baseUrl);
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) {
    throw new Error(`NBA client timeoutMs must be a positive number of milliseconds, got ${opts.timeoutMs}`);
  }
  const headers = mergeHeaders(DEFAULT_NBA_HEADERS, opts.headers);

  async function send(request: NbaRequest): Promise<NbaResponse> {
    const url = `${baseUrl}/${request.endpoint}?${toQueryString(request.params)}`;
    const safeUrl = withoutCredentials(url);
    let response: Response<string>;
    try {
      response = await got(url, {
        headers,
        timeout: { request: opts.timeoutMs },
        retry: { limit: 0 },
        throwHttpErrors: false,
        followRedirect: true,
        responseType: 'text',
      });
    } catch (error) {
      throw transportFailure(request, safeUrl, error, opts.timeoutMs);
    }
    const fetchedAt = new Date().toISOString();
    checkStatus(request, response);
    return { request, url: safeUrl, body: parseEnvelope(request, response.body), fetchedAt };
  }

  return {
    leagueGameFinder: (q: LeagueGameFinderQuery) => send(leagueGameFinderRequest(q)),
    commonTeamRoster: (q: CommonTeamRosterQuery) => send(commonTeamRosterRequest(q)),
    leagueStandings: (q: LeagueStandingsQuery) => send(leagueStandingsRequest(q)),
    playerIndex: (q: PlayerIndexQuery) => send(playerIndexRequest(q)),
  };
}

/** The base URL without query, fragment or trailing slash, so `${base}/${endpoint}` is right. */
function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`NBA base URL is not a valid URL: '${withoutCredentials(raw)}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`NBA base URL must be http(s), got '${url.protocol}'`);
  }
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return raw.replace(/\/\/[^/@]*@/, '//');
  }
}

function transportFailure(request: NbaRequest, safeUrl: string, error: unknown, timeoutMs: number): Error {
  const where = new URL(safeUrl).host;
  if (error instanceof RequestError) {
    if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') {
      return nbaFailure('NbaTimeout', request, `no complete response from ${where} within ${timeoutMs} ms`);
    }
    // A reset or refused connection is how the host cuts off a throttled client.
    if (error.code === 'ECONNRESET' || error.code === 'ECONNREFUSED') {
      return nbaFailure('NbaConnectionDropped', request, `${where} dropped the connection: ${error.code}`);
    }
    // DNS failures, half-read bodies and the like: transient for the pipeline.
    return nbaFailure(
      'NbaNetworkError',
      request,
      `network error talking to ${where}: ${error.code ?? error.name}`,
    );
  }
  return nbaFailure(
    'NbaNetworkError',
    request,
    `request to ${where} failed: ${(error as Error)?.message ?? error}`,
  );
}

function checkStatus(request: NbaRequest, response: Response<string>): void {
  const status = response.statusCode;
  if (status >= 200 && status < 300) return;
  const excerpt = bodyExcerpt(response.body ?? '');
  const said = excerpt ? `: ${excerpt}` : '';
  const retryAfterHeader = response.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(
    Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader,
  );
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    const wait = retryAfterMs === undefined ? 'no Retry-After' : `Retry-After ${retryAfterMs} ms`;
    throw nbaFailure('NbaRateLimited', request, `HTTP ${status} (rate limited, ${wait})${said}`, {
      status,
      ...(retryAfterMs !== undefined ? { nextRetryDelayMs: retryAfterMs } : {}),
    });
  }
  if (status >= 500) throw nbaFailure('NbaServerError', request, `HTTP ${status}${said}`, { status });
  // stats.nba.com's "Access Denied" page: a throttled or blocked address, not a bad request.
  if (status === 403) throw nbaFailure('NbaAccessDenied', request, `HTTP 403${said}`, { status });
  if (status >= 400) throw nbaFailure('NbaClientError', request, `HTTP ${status}${said}`, { status });
  throw nbaFailure('NbaResponseInvalid', request, `unexpected HTTP ${status}${said}`, { status });
}

function parseEnvelope(request: NbaRequest, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    // Not JSON at all: cut off or mangled on the way (or a proxy's page), not a change of schema,
    // so worth another attempt; never landed (nothing past this point sees the text).
    throw nbaFailure(
      'NbaResponseGarbled',
      request,
      `response is not valid JSON (${(error as Error).message}); body starts: ${bodyExcerpt(text, 80)}`,
    );
  }
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    const problems = envelope.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw nbaFailure('NbaResponseInvalid', request, `response is not a stats.nba.com envelope (${problems})`);
  }
  return body;
}
