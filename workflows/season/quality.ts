/**
 * The quality phase: the data-quality checks over what the run's data stands on (its reset's
 * inherited results included), scoped to the run's teams and dates, with the standings to reconcile.
 */
import type { QualitySummary } from '../../activities/quality.js';
import type { StandingsInput } from '../../domain/standings.js';
import { playerGamesCheckable } from '../player-games.js';
import { bookkeeping } from './proxies.js';
import type { GamesLoaded } from './games.js';
import type { SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

export async function checkQuality(
  plan: SeasonPlan,
  state: RunState,
  games: GamesLoaded,
  standings: StandingsInput,
): Promise<QualitySummary> {
  state.enter('checking');
  const { asOf } = plan;
  const { dates } = games;
  const quality = await bookkeeping.checkSeasonQuality({
    ...plan.run,
    counts: state.seenCounts(),
    // Only a run over every team and every date is held to the season's expected size.
    fullScope: plan.everyTeam && !dates,
    ...(asOf ? { asOf } : {}),
    standings,
    ...(dates ? { dates } : {}),
    playerGames: playerGamesCheckable(state.progress.playerGames, state.progress.failures),
  });
  state.progress.quality = {
    games: quality.games,
    passed: quality.passed,
    failed: quality.failed,
    anomalies: quality.anomalies.map((a) => a.message),
    ...(quality.standings ? { standings: quality.standings } : {}),
    ...(quality.playerSums ? { playerSums: quality.playerSums } : {}),
  };
  return quality;
}
