/** Redrive: what to run again for the dead-lettered units of a season or of a workflow. */
import type { UnitRef } from '../activities/types.js';
import { fromNbaDate } from '../domain/game-dates.js';
import { unitName } from '../domain/runs.js';
import type { Database } from '../db/client.js';
import { listUnresolvedDeadLetters } from '../db/runs.js';
import type { SeasonType } from '../domain/season.js';

export interface RedrivePlan {
  season: string;
  seasonType: SeasonType;
  /**
   * Units to run again (`{ unit: 'league-games' }`: the league-wide games); `undefined` means the
   * whole season (a legacy dead letter of the team list itself, with no team).
   */
  units: UnitRef[] | undefined;
  deadLetters: number;
}

/**
 * The league-wide games a dead letter names: of an interval when its request had DateFrom/DateTo
 * (the newest failing run's, which covers the earlier ones: the watermark does not move while the
 * games fail), else of the whole season.
 */
function leagueGamesUnit(params: Record<string, string>): UnitRef {
  const to = fromNbaDate(params.DateTo ?? '');
  if (!to) return { unit: 'league-games' };
  return { unit: 'league-games', dates: { from: fromNbaDate(params.DateFrom ?? '') ?? null, to } };
}

/** `target` is a season ('2023-24', with `seasonType`) or a workflow id whose dead letters to redrive. */
export async function planRedrive(
  database: Database,
  target: { season: string; seasonType: SeasonType } | { workflowId: string },
): Promise<RedrivePlan | undefined> {
  const letters = await listUnresolvedDeadLetters(database, target);
  if (letters.length === 0) return undefined;
  const seasons = new Set(letters.map((l) => `${l.season}|${l.seasonType}`));
  if (seasons.size > 1) {
    throw new Error(`dead letters of ${[...seasons].join(', ')} match; redrive one season at a time`);
  }
  const first = letters[0]!;
  const wholeSeason = letters.some((l) => l.teamId === null && l.unit !== 'league-games');
  const seen = new Set<string>();
  const units: UnitRef[] = [];
  for (const l of letters) {
    const unit: UnitRef | undefined =
      l.unit === 'league-games'
        ? leagueGamesUnit(l.params)
        : l.teamId !== null
          ? { unit: l.unit, teamId: l.teamId }
          : undefined;
    if (!unit || seen.has(unitName(unit))) continue;
    seen.add(unitName(unit));
    units.push(unit);
  }
  return {
    season: first.season,
    seasonType: first.seasonType,
    units: wholeSeason ? undefined : units,
    deadLetters: letters.length,
  };
}
