import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NbaResponse } from '../../../nba/client.js';
import { commonTeamRosterRequest, leagueGameFinderRequest } from '../../../nba/endpoints.js';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/nba');

export function fixtureBody(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));
}

/** A fixture body wrapped as the client would return it. */
export function fixtureResponse(
  name: string,
  request = leagueGameFinderRequest({ season: '2024-25', seasonType: 'Regular Season' }),
): NbaResponse {
  return {
    request,
    url: `http://fixture/${request.endpoint}`,
    body: fixtureBody(name),
    fetchedAt: '2026-01-01T00:00:00.000Z',
  };
}

export function rosterResponse(name: string, season: string, teamId: number): NbaResponse {
  return fixtureResponse(name, commonTeamRosterRequest({ season, teamId }));
}

/** The ApplicationFailure a function throws (fails the test if it does not throw). */
export function thrown(fn: () => unknown): {
  type?: string | null;
  message: string;
  nonRetryable?: boolean | null;
  nextRetryDelay?: unknown;
} {
  try {
    fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a throw');
}
