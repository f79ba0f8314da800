import { describe, expect, it } from 'vitest';
import {
  NBA_ERROR_TYPES,
  NON_RETRYABLE_NBA_ERRORS,
  bodyExcerpt,
  describeRequest,
  nbaFailure,
  parseRetryAfter,
} from '../../../nba/errors.js';

describe('nba errors', () => {
  it('describes a request by endpoint and its non-empty parameters only', () => {
    expect(
      describeRequest({
        endpoint: 'commonteamroster',
        params: { TeamID: '1', LeagueID: '00', Season: '', X: '' },
      }),
    ).toBe('commonteamroster (LeagueID=00, TeamID=1)');
  });

  it('marks exactly the client and response errors non-retryable', () => {
    expect([...NON_RETRYABLE_NBA_ERRORS]).toEqual(['NbaClientError', 'NbaResponseInvalid']);
    const req = { endpoint: 'leaguegamefinder', params: { Season: '2023-24' } };
    expect(nbaFailure('NbaResponseInvalid', req, 'x').nonRetryable).toBe(true);
    expect(nbaFailure('NbaClientError', req, 'x').nonRetryable).toBe(true);
    const retryable = NBA_ERROR_TYPES.filter(
      (t) => !(NON_RETRYABLE_NBA_ERRORS as readonly string[]).includes(t),
    );
    expect(retryable).toEqual(expect.arrayContaining(['NbaAccessDenied', 'NbaResponseGarbled']));
    for (const type of retryable) expect(nbaFailure(type, req, 'x').nonRetryable).toBe(false);
    const limited = nbaFailure('NbaRateLimited', req, 'slow down', { nextRetryDelayMs: 7000 });
    expect(limited.nextRetryDelay).toBe(7000);
    expect(limited.message).toBe('leaguegamefinder (Season=2023-24): slow down');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-02-22T05:35:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 22 Feb 2026 05:35:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Feb 2026 05:00:00 GMT', now)).toBe(0); // in the past
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });

  it('shortens bodies to one line', () => {
    expect(bodyExcerpt('<html>\n  <body>Access   Denied</body>\n</html>')).toBe(
      '<html> <body>Access Denied</body> </html>',
    );
    expect(bodyExcerpt('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
