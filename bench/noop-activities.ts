/**
 * The pipeline's activities with the work taken out: each returns a well-formed summary at once.
 * ingestSeason on these, through the same workers and dev server, costs only what Temporal itself
 * costs per task on this machine: the floor under `orchestration_overhead_s`.
 */
import type { Activities } from '../activities/index.js';
import type { TeamUnit, TeamUnitInput, TeamUnitSummary } from '../activities/types.js';

const unitOf =
  (unit: TeamUnit) =>
  async (input: TeamUnitInput): Promise<TeamUnitSummary> => ({
    teamId: input.teamId,
    unit,
    counts: {},
    apiCalls: 1,
    rowsFetched: 0,
  });

export function noopActivities(): Activities {
  return {
    openRun: async () => undefined,
    loadTeams: async () => ({ counts: {} }),
    ingestTeamGames: unitOf('games'),
    ingestTeamRoster: unitOf('roster'),
    ingestLeagueGames: async () => ({
      unit: 'league-games',
      counts: {},
      apiCalls: 1,
      rowsFetched: 0,
      games: 0,
    }),
    ingestPlayerGames: async () => ({
      unit: 'player-games',
      counts: {},
      apiCalls: 1,
      rowsFetched: 0,
      games: 0,
      answers: 1,
    }),
    // Nothing stored differs: a run that compares rosters fetches none.
    findChangedRosters: async () => ({ teamIds: [], apiCalls: 1, rostered: 0 }),
    seasonWatermark: async () => null,
    recordDeadLetter: async () => {},
    probeNbaApi: async () => {},
    paceNbaRate: async () => undefined,
    fetchStandings: async () => ({ records: [], apiCalls: 1, fetchedAt: new Date(0).toISOString() }),
    checkSeasonQuality: async () => ({ games: 0, passed: 0, failed: [], anomalies: [], alertSent: false }),
    closeRun: async () => {},
  } satisfies Activities;
}
