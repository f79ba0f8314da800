import { describe, expect, it } from 'vitest';
import { renderDetails, type IngestProgress } from '../../../workflows/progress.js';

const progress: IngestProgress = {
  season: '2023-24',
  seasonType: 'Regular Season',
  phase: 'games',
  status: 'cooling_down',
  teams: { total: 30, gamesDone: 12, rostersDone: 0, failed: 0 },
  counts: {
    teams: { inserted: 30, updated: 0, unchanged: 0 },
    team_game_stats: { inserted: 984, updated: 0, unchanged: 0 },
  },
  apiCalls: 15,
  failures: [],
  breaker: {
    state: 'open',
    cooldowns: 3,
    cooldownSeconds: 180,
    note: 'cooling down until 14:05:30 UTC (3rd cooldown: 4 timeouts in a row)',
  },
};

describe('current details', () => {
  it('show the cooldown and per-table counts in columns that stay apart', () => {
    const lines = renderDetails(progress).split('\n');
    expect(lines[1]).toBe('**cooling down until 14:05:30 UTC (3rd cooldown: 4 timeouts in a row)**');
    expect(lines[2]).toContain('cooldowns 3 (180 s)');
    const block = lines.slice(lines.indexOf('```') + 1, lines.lastIndexOf('```'));
    expect(block).toEqual([
      'table             inserted    updated  unchanged',
      'teams                   30          0          0',
      'team_game_stats        984          0          0',
    ]);
  });
});
