/** Redrive: what to run again for the dead-lettered units of a season or of a workflow. */
import type { UnitRef } from '../activities/types.js';
import { datesOfParams } from '../domain/game-dates.js';
import { isLeagueRef, isLeagueUnit, unitName, type LeagueUnit } from '../domain/runs.js';
import type { Database } from '../db/client.js';
import { listUnresolvedDeadLetters } from '../db/runs.js';
import type { SeasonType } from '../domain/season.js';

export interface RedrivePlan {
  season: string;
  seasonType: SeasonType;
  /**
   * Units to run again (`{ unit: 'league-games' }`: the league-wide games, `player-games` the players'
   * lines); `undefined` means the
   * whole season (a legacy dead letter of the team list itself, with no team).
   */
  units: UnitRef[] | undefined;
  deadLetters: number;
}

/**
 * The league-wide unit (games, or the players' lines) a dead letter names: of its interval when its request had DateFrom/DateTo,
 * else of the whole season. Each failed interval is run again with its own dates rather than one
 * range merged over all of them: a merged range would fetch and reload every game between them
 * (for two weeks months apart, most of a season), and each dead letter is then resolved by the
 * load of exactly what it names. A whole-season dead letter makes one whole-season unit, which
 * covers every interval.
 */
function leagueUnit(unit: LeagueUnit, params: Record<string, string>): UnitRef {
  const dates = datesOfParams(params);
  return dates ? { unit, dates } : { unit };
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
  const wholeSeason = letters.some((l) => l.teamId === null && !isLeagueUnit(l.unit));
  const seen = new Set<string>();
  const units: UnitRef[] = [];
  for (const l of letters) {
    const unit: UnitRef | undefined = isLeagueUnit(l.unit)
      ? leagueUnit(l.unit, l.params)
      : l.teamId !== null
        ? { unit: l.unit, teamId: l.teamId }
        : undefined;
    if (!unit || seen.has(unitName(unit))) continue;
    seen.add(unitName(unit));
    units.push(unit);
  }
  // A league-wide unit of the whole season loads every interval's too.
  const wholeSeasonOf = new Set(units.flatMap((u) => (isLeagueRef(u) && !u.dates ? [u.unit] : [])));
  const planned = units.filter((u) => !isLeagueRef(u) || !u.dates || !wholeSeasonOf.has(u.unit));
  return {
    season: first.season,
    seasonType: first.seasonType,
    units: wholeSeason ? undefined : planned,
    deadLetters: letters.length,
  };
}
