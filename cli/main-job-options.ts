/** The options of the main job (`npm start`), apart from the job itself so they can be tested alone. */
import { Command } from 'commander';
import { DEFAULT_SEASON_TYPE, type SeasonType } from '../domain/season.js';
import { SEASON_TYPE_HELP, seasonTypeOption } from './common.js';

/** With --replay and no --season: the season the shared data recorded verbatim from stats.nba.com. */
export const REPLAY_DEFAULT_SEASON = '2023-24';

export interface MainJobOptions {
  replay?: string[];
  season?: string;
  seasonType: SeasonType;
  json: boolean;
}

/** Parses `npm start -- …` (argv without node and the script); exits with commander's message when bad. */
export function parseMainJobOptions(argv: string[]): MainJobOptions {
  return (
    new Command('main-job')
      .option('--replay <dir...>', 'serve recorded NBA data from these folders instead of stats.nba.com')
      .option(
        '--season <season>',
        `season to ingest (default: the last completed season; ${REPLAY_DEFAULT_SEASON} with --replay)`,
      )
      // The same parser as `ingest --season-type`: one grammar, the same aliases.
      .option('--season-type <type>', SEASON_TYPE_HELP, seasonTypeOption, DEFAULT_SEASON_TYPE)
      .option('--json', 'print the final summary as one JSON line', false)
      .parse(argv, { from: 'user' })
      .opts<MainJobOptions>()
  );
}
