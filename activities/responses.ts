/**
 * Where an activity's API response comes from, by policy:
 *  - 'fetch': call the API (and land the body in raw_responses before it is transformed; a body that
 *    is not JSON throws NbaResponseGarbled inside the fetch, so it is retried and never landed);
 *  - 'prefer-stored': reuse a stored body fetched within `maxAgeMs`, else fetch;
 *  - 'stored': only stored bodies, zero API calls (retransform); none stored → non-retryable error.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../db/client.js';
import { landRawResponse, latestRawResponse } from '../db/raw-responses.js';
import type { NbaResponse } from '../nba/client.js';
import { toQueryString, type NbaRequest } from '../nba/endpoints.js';
import type { ResponsePolicy } from './types.js';

export interface ResponseSourceOptions {
  policy: ResponsePolicy;
  /** For 'prefer-stored': how old a stored body may be. */
  maxAgeMs?: number;
  runId: string;
}

export interface ObtainedResponse {
  response: NbaResponse;
  fromStore: boolean;
}

export async function obtainResponse(
  database: Database,
  request: NbaRequest,
  fetch: () => Promise<NbaResponse>,
  opts: ResponseSourceOptions,
  now: Date = new Date(),
): Promise<ObtainedResponse> {
  const paramsKey = toQueryString(request.params);
  if (opts.policy !== 'fetch') {
    const notBefore =
      opts.policy === 'prefer-stored' ? new Date(now.getTime() - (opts.maxAgeMs ?? 0)) : undefined;
    const stored = await latestRawResponse(database, {
      endpoint: request.endpoint,
      paramsKey,
      ...(notBefore ? { notBefore } : {}),
    });
    if (stored) {
      return {
        response: {
          request,
          url: `raw_responses:${stored.id}`,
          body: stored.body,
          fetchedAt: stored.lastFetchedAt,
        },
        fromStore: true,
      };
    }
    if (opts.policy === 'stored') {
      throw ApplicationFailure.create({
        type: 'RawResponseMissing',
        nonRetryable: true,
        message: `no stored response for ${request.endpoint}?${paramsKey}: ingest the season from the API first`,
      });
    }
  }
  const response = await fetch();
  await landRawResponse(database, {
    endpoint: request.endpoint,
    paramsKey,
    params: request.params,
    body: response.body,
    fetchedAt: response.fetchedAt,
    runId: opts.runId,
  });
  return { response, fromStore: false };
}
