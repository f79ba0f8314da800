/**
 * The kinds of unit a season run is made of (domain/runs.ts: WORK_UNITS, UnitRef), and for each: its
 * name in the Web UI's timeline, the activity that runs it, and what a finished one advances in the
 * run's progress. A new kind of unit is one case in each switch here (the compiler names the switches
 * that miss it) and `lanes.run(ref)` or `lanes.runAll(refs, n)` in the phase that runs it.
 */
import type { ActivityInterfaceFor } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import type {
  LeagueGamesSummary,
  PlayerGamesSummary,
  ResponsePolicy,
  RunRef,
  TeamUnitSummary,
  UnitRef,
} from '../../activities/types.js';
import { formatGameDates } from '../../domain/game-dates.js';
import { NBA_TEAMS } from '../../nba/teams.js';
import { playerGamesDone, playerGamesSummary } from '../player-games.js';
import type { IngestProgress } from '../progress.js';

export type UnitSummary = TeamUnitSummary | LeagueGamesSummary | PlayerGamesSummary;

/** What every unit's activity is given: the run, and where its responses come from. */
export type SourcedRun = RunRef & { responses?: ResponsePolicy; maxResponseAgeMs?: number };

const TEAM_ABBREVIATIONS = new Map(NBA_TEAMS.map((t) => [t.teamId, t.abbreviation]));

/** The activity's summary in the Web UI's timeline: `games · BOS`, `games · league`. */
export function unitSummary(ref: UnitRef): string {
  switch (ref.unit) {
    case 'games':
    case 'roster':
      return `${ref.unit} · ${TEAM_ABBREVIATIONS.get(ref.teamId) ?? ref.teamId}`;
    case 'league-games':
      return ref.dates ? `games · ${formatGameDates(ref.dates)}` : 'games · league';
    case 'player-games':
      return playerGamesSummary(ref);
  }
}

/** Starts the unit's activity. */
export function startUnit(
  activities: ActivityInterfaceFor<Activities>,
  sourced: SourcedRun,
  ref: UnitRef,
): Promise<UnitSummary> {
  const options = { summary: unitSummary(ref) };
  switch (ref.unit) {
    case 'games':
      return activities.ingestTeamGames.executeWithOptions(options, [{ ...sourced, teamId: ref.teamId }]);
    case 'roster':
      return activities.ingestTeamRoster.executeWithOptions(options, [{ ...sourced, teamId: ref.teamId }]);
    case 'league-games':
      return activities.ingestLeagueGames.executeWithOptions(options, [
        { ...sourced, ...(ref.dates ? { dates: ref.dates } : {}) },
      ]);
    case 'player-games':
      return activities.ingestPlayerGames.executeWithOptions(options, [
        { ...sourced, ...(ref.dates ? { dates: ref.dates } : {}) },
      ]);
  }
}

/** What a finished unit advances in the run's progress. */
export function advanceProgress(progress: IngestProgress, summary: UnitSummary): void {
  const { teams } = progress;
  switch (summary.unit) {
    case 'games':
      teams.gamesDone += 1;
      return;
    case 'roster':
      teams.rostersDone += 1;
      return;
    case 'league-games':
      teams.gamesDone = teams.total;
      return;
    case 'player-games':
      if (progress.playerGames) playerGamesDone(progress.playerGames, summary);
      return;
  }
}
