import { describe, expect, it } from 'vitest';
import { formatSummary, type RunSummary } from '../../../cli/summary.js';

const SUMMARY: RunSummary = {
  workflowId: 'ingest-season-2023-24-regular',
  runId: 'run-1',
  season: '2023-24',
  seasonType: 'Regular Season',
  status: 'completed',
  counts: {
    team_game_stats: { inserted: 2460, updated: 0, unchanged: 0 },
    player_game_stats: { inserted: 26_401, updated: 0, unchanged: 0 },
  },
  apiCalls: 33,
  failures: [],
  standings: null,
  playerGames: { units: 1, done: 1, rows: 26_401, games: 1230, answers: 1 },
  playerSums: { teamGames: 2460, passed: 2460, failures: 0 },
  webUi: 'http://ui',
};

describe('the run summary', () => {
  it('shows the players’ lines and their verdict, the table columns aligned', () => {
    const lines = formatSummary(SUMMARY).split('\n');
    expect(lines).toContain('  player_game_stats     26401         0         0');
    expect(lines[1]!.indexOf('inserted') + 'inserted'.length).toBe(
      lines[3]!.indexOf('26401') + '26401'.length,
    );
    expect(lines).toContain('  player lines: 26401 rows of 1230 games, units 1/1');
    expect(lines).toContain('  player lines add up in 2460/2460 team-games');
  });

  it('names a failed player unit like any other', () => {
    const text = formatSummary({
      ...SUMMARY,
      status: 'completed_with_failures',
      failures: [{ unit: 'player-games', errorType: 'NbaClientError', message: 'HTTP 404' }],
      playerGames: { units: 1, done: 0, rows: 0, games: 0, answers: 0 },
    });
    expect(text).toContain('  failed: player-games: NbaClientError: HTTP 404');
  });
});
