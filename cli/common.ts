/** What the command lines share: the Temporal connection and the season and season-type arguments. */
import { Client, Connection } from '@temporalio/client';
import { InvalidArgumentError } from 'commander';
import type { AppConfig } from '../config/env.js';
import { parseGameDatesInput, type GameDatesInput } from '../domain/game-dates.js';
import { GAMES_BY, ROSTER_MODES, type GamesBy, type RosterMode } from '../domain/runs.js';
import {
  parseSeason,
  parseSeasonSelection,
  parseSeasonTypeArgument,
  type SeasonSelection,
  type SeasonType,
} from '../domain/season.js';
import { temporalConnectionOptions } from '../config/temporal-profile.js';
import { clientIdentity } from '../worker/connection.js';

/** Turns a validation error into commander's "argument … is invalid" message. */
export function checked<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  };
}

/** 'Regular Season' (or regular), 'Playoffs', 'PlayIn' (or play-in), any case. */
export const seasonTypeOption = checked((value: string): SeasonType => parseSeasonTypeArgument(value));

/** `--season-type`'s help, the same in every command that takes it. */
export const SEASON_TYPE_HELP = "'Regular Season' (regular), 'Playoffs' or 'PlayIn' (play-in)";

/** `--games-by`: 'team' (one request per team) or 'league' (one request for every team). */
export const gamesByOption = checked((value: string): GamesBy => {
  const gamesBy = GAMES_BY.find((g) => g === value);
  if (!gamesBy) throw new Error(`'${value}' is not one of ${GAMES_BY.join(', ')}`);
  return gamesBy;
});

/** `--rosters`: 'all' (every team's) or 'changed' (only those playerindex shows changed). */
export const rosterModeOption = checked((value: string): RosterMode => {
  const mode = ROSTER_MODES.find((m) => m === value);
  if (!mode) throw new Error(`'${value}' is not one of ${ROSTER_MODES.join(', ')}`);
  return mode;
});

/**
 * `--since`/`--until` of a season: undefined when neither is given. Throws naming the problem: a bad
 * date, --since without --until, since after until, a date outside the season.
 */
export function intervalOption(
  season: string,
  opts: { since?: string | undefined; until?: string | undefined },
): GameDatesInput | undefined {
  if (opts.since === undefined && opts.until === undefined) return undefined;
  if (opts.until === undefined) throw new Error('--since needs --until (the last game date to load)');
  try {
    return parseGameDatesInput(season, { until: opts.until, ...(opts.since ? { since: opts.since } : {}) });
  } catch (err) {
    // The workflow's messages name its input fields; here they are the options.
    throw new Error((err as Error).message.replace(/\b(since|until)\b/g, '--$1'), { cause: err });
  }
}

/** 'YYYY-YY', a season that has started. */
export const seasonArgument = checked((value: string): string => parseSeason(value, new Date()));

/** FROM..TO (e.g. 2015-16..2024-25) or a comma-separated list of seasons. */
export const seasonSelectionArgument = checked((value: string): SeasonSelection =>
  parseSeasonSelection(value, new Date()),
);

/** The breaker's cooldowns, read from the environment here and passed in every run's input. */
export function cooldownInput(config: AppConfig): { nbaCooldownMinS: number; nbaCooldownMaxS: number } {
  return { nbaCooldownMinS: config.NBA_COOLDOWN_MIN_S, nbaCooldownMaxS: config.NBA_COOLDOWN_MAX_S };
}

/** A config whose TEMPORAL_IDENTITY names this command when the environment names none. */
export function identifiedAs(config: AppConfig, command: string): AppConfig {
  return { ...config, TEMPORAL_IDENTITY: clientIdentity(config, command) };
}

export async function connectClient(config: AppConfig): Promise<Client> {
  try {
    const connection = await Connection.connect(temporalConnectionOptions(config));
    return new Client({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      identity: clientIdentity(config, 'client'),
    });
  } catch (err) {
    throw new Error(
      `cannot reach the Temporal server at ${config.TEMPORAL_ADDRESS} (${(err as Error).message}); ` +
        'start one with `npm run temporal:dev`, or point TEMPORAL_ADDRESS or TEMPORAL_PROFILE at one',
      { cause: err },
    );
  }
}

/** Runs `work` with a client and closes its connection afterwards, whatever happened. */
export async function withClient<T>(config: AppConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectClient(config);
  try {
    return await work(client);
  } finally {
    await client.connection.close();
  }
}
