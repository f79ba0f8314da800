/**
 * `npm run ingest -- <command>`: the pipeline's command line.
 *   season 2023-24 [--season-type Playoffs] [--games-by league] [--as-of 2024-01-15] [--no-player-games] [--wait] [--json]
 *   season 2023-24 --since 2023-11-01 --until 2023-11-07   an interval run (league-wide, DateFrom/DateTo)
 *   backfill 2015-16..2024-25 [--season-types …] [--games-by team] [--wait] [--json]
 *   retransform 2023-24          rebuild from stored responses, zero API calls
 *   redrive <workflowId|season>  run only the dead-lettered units again
 *   changes <runId>              the audit trail of a run
 *   resume <workflowId|season>   end the current NBA cooldown now: the probe goes out
 *   status [--json]              one row per season and type: last run, dates, games, player rows and checks, watermark, loaded ranges, holes, requests, standings
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, type AppConfig } from '../config/env.js';
import { createDatabase, type Database } from '../db/client.js';
import { listSeasonStatus } from '../db/season-status.js';
import type { GameDatesInput } from '../domain/game-dates.js';
import { unitName, type GamesBy, type RosterMode } from '../domain/runs.js';
import {
  DEFAULT_SEASON_TYPE,
  formatSeasonSelection,
  SEASON_PATTERN,
  seasonWorkflowId,
  type SeasonSelection,
  type SeasonType,
} from '../domain/season.js';
import { runPriority } from '../domain/priority.js';
import { parseAsOf } from '../domain/standings.js';
import { backfillSeasons, type IngestSeasonInput } from '../workflows/index.js';
import { resumeSignal } from '../workflows/throttle-gate.js';
import { describeRun, formatChanges, listChanges } from './changes.js';
import {
  cooldownInput,
  gamesByOption,
  identifiedAs,
  intervalOption,
  rosterModeOption,
  SEASON_TYPE_HELP,
  seasonArgument,
  seasonSelectionArgument,
  seasonTypeOption,
  withClient,
} from './common.js';
import { planRedrive } from './redrive.js';
import { formatSeasonStatus } from './status.js';
import { runSeason, webUiFor, type FollowOptions } from './start-season.js';
import { fleetNbaRate } from './nba-rate.js';

async function withDatabase<T>(config: AppConfig, work: (database: Database) => Promise<T>): Promise<T> {
  const database = createDatabase({
    url: config.DATABASE_URL,
    poolMax: 2,
    applicationName: 'nba-ingest-cli',
  });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

interface SeasonCommandOptions {
  seasonType: SeasonType;
  gamesBy: GamesBy;
  /** Set by the `season` command's check of --since/--until. */
  dates?: GameDatesInput;
  rosters?: RosterMode;
}

const followOptions = (command: Command): Command =>
  command
    .option('--wait', 'wait for the run to finish; exit 0 only if it completed', false)
    .option('--json', 'print one final JSON summary line on stdout', false);

function checkedAsOf(command: Command, asOf: string, season: string): string {
  try {
    return parseAsOf(asOf, season, new Date());
  } catch (err) {
    return command.error(
      `error: option '--as-of <date>' argument '${asOf}' is invalid. ${(err as Error).message}`,
    );
  }
}

export function buildProgram(config: AppConfig): Command {
  const program = new Command('ingest').description('Ingest NBA Stats data into PostgreSQL through Temporal');
  // What this command starts names it (ingestion_runs.started_by): `ana@host nba-ingest season`.
  program.hook('preAction', (_program, action) => {
    config = identifiedAs(config, action.name());
  });
  const seasonTypeFlag = ['--season-type <type>', SEASON_TYPE_HELP] as const;
  const gamesByFlag = [
    '--games-by <team|league>',
    "games from one request per team ('team') or one league-wide request ('league': 33 requests a season, not 62)",
    gamesByOption,
  ] as const;

  /** A command that runs one season: `season` fetches it, `retransform` rebuilds it from stored responses. */
  const seasonCommand = (name: string, description: string, input: Partial<IngestSeasonInput>): Command =>
    followOptions(
      program
        .command(name)
        .description(description)
        .argument('<season>', "season as 'YYYY-YY', e.g. 2023-24", seasonArgument)
        .option(...seasonTypeFlag, seasonTypeOption, DEFAULT_SEASON_TYPE)
        .option(...gamesByFlag, 'team')
        .option(
          '--as-of <date>',
          "the moment the run stands for, 'YYYY-MM-DD' (US Eastern): NBA.com's standings are reconciled with the games up to it (default: today)",
        )
        .option('--no-player-games', "skip every player's lines of the games (one league-wide request)"),
    ).action(
      async (
        season: string,
        opts: FollowOptions & SeasonCommandOptions & { asOf?: string; playerGames: boolean },
        command: Command,
      ) => {
        const { seasonType, gamesBy, dates, rosters } = opts;
        const players = opts.playerGames ? {} : { playerGames: false };
        // Checked against the season before anything starts (the workflow checks it again).
        const asOf = opts.asOf === undefined ? {} : { asOf: checkedAsOf(command, opts.asOf, season) };
        const increment = { ...(dates ? { dates } : {}), ...(rosters ? { rosters } : {}) };
        const runInput = { ...input, season, seasonType, gamesBy, ...asOf, ...increment, ...players };
        await runSeason(config, { ...runInput, trigger: 'cli' }, opts);
      },
    );
  seasonCommand('season', 'ingest one season (starts the run, or attaches to the one already running)', {})
    .option('--since <date>', 'an interval run: games dated from YYYY-MM-DD (US Eastern; needs --until)')
    .option(
      '--until <date>',
      "an interval run: games dated up to YYYY-MM-DD, in one league-wide request; without --since, from the season's watermark minus a day",
    )
    .option(
      '--rosters <all|changed>',
      "every team's roster, or only those playerindex shows changed",
      rosterModeOption,
    )
    .hook('preAction', (command) => {
      // Checked before anything is started: bad dates, since after until, dates outside the season.
      const [season] = command.processedArgs as [string];
      const opts = command.opts<{ since?: string; until?: string; gamesBy: GamesBy }>();
      try {
        const dates = intervalOption(season, opts);
        if (dates && command.getOptionValueSource('gamesBy') === 'cli' && opts.gamesBy === 'team')
          throw new Error("an interval's games come in one league-wide request: drop --games-by team");
        command.setOptionValue('gamesBy', dates ? 'league' : opts.gamesBy);
        command.setOptionValue('dates', dates);
      } catch (err) {
        command.error(`error: ${(err as Error).message}`);
      }
    });
  seasonCommand('retransform', "rebuild a season's tables from the stored API responses: zero API calls", {
    responses: 'stored',
  });

  followOptions(
    program
      .command('redrive')
      .description('run only the dead-lettered units of a season (or of a workflow id) again')
      .argument('<target>', "a season 'YYYY-YY' or a workflow id")
      .option(...seasonTypeFlag, seasonTypeOption, DEFAULT_SEASON_TYPE),
  ).action(async (target: string, opts: FollowOptions & { seasonType: SeasonType }) => {
    const isSeason = SEASON_PATTERN.test(target);
    const plan = await withDatabase(config, (database) =>
      planRedrive(
        database,
        isSeason ? { season: seasonArgument(target), seasonType: opts.seasonType } : { workflowId: target },
      ),
    );
    if (!plan) {
      process.stderr.write(`nothing to redrive: no unresolved dead letters for ${target}\n`);
      return;
    }
    process.stderr.write(
      `redriving ${plan.deadLetters} dead letter(s) of ${plan.season} ${plan.seasonType}: ` +
        `${plan.units ? plan.units.map(unitName).join(', ') : 'the whole season'}\n`,
    );
    await runSeason(
      config,
      {
        season: plan.season,
        seasonType: plan.seasonType,
        trigger: 'redrive',
        ...(plan.units ? { units: plan.units } : {}),
      },
      opts,
    );
  });

  followOptions(
    program
      .command('backfill')
      .description('ingest a range of seasons, one child run per season, a few at a time')
      .argument(
        '<seasons>',
        'FROM..TO (e.g. 2015-16..2024-25) or a list (2019-20,2023-24)',
        seasonSelectionArgument,
      )
      .option(
        '--season-types <types>',
        `comma-separated season types (default '${DEFAULT_SEASON_TYPE}')`,
        (v: string) => v.split(',').map(seasonTypeOption),
      )
      .option(...gamesByFlag, 'league')
      .option('--parallelism <n>', 'seasons at once (default 2)', (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
        return n;
      }),
  ).action(
    async (
      range: SeasonSelection,
      opts: FollowOptions & { seasonTypes?: SeasonType[]; parallelism?: number; gamesBy: GamesBy },
    ) => {
      const workflowId = `backfill-${formatSeasonSelection(range)}`;
      await withClient(config, async (client) => {
        const handle = await client.workflow.start(backfillSeasons, {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowId,
          ...runPriority('backfill'),
          args: [
            {
              ...range,
              teamConcurrency: config.INGEST_TEAM_CONCURRENCY,
              gamesBy: opts.gamesBy,
              ...cooldownInput(config),
              ...(opts.seasonTypes ? { seasonTypes: opts.seasonTypes } : {}),
              ...(opts.parallelism ? { parallelism: opts.parallelism } : {}),
            },
          ],
          workflowIdConflictPolicy: 'USE_EXISTING',
          staticSummary: `backfill ${formatSeasonSelection(range)}`,
          staticDetails: `backfill · ${(opts.seasonTypes ?? [DEFAULT_SEASON_TYPE]).join(', ')} · trigger cli · started by ${client.options.identity}`,
        });
        const { runId, webUi } = await webUiFor(config, handle);
        process.stderr.write(`backfill ${workflowId} (run ${runId})\nWeb UI: ${webUi}\n`);
        if (!opts.wait) return;
        const result = await handle.result();
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          for (const s of result.seasons) {
            process.stdout.write(
              `${s.season} ${s.seasonType}: ${s.status}  games ${s.games}, stat rows ${s.teamGameStats}, player lines ${s.playerGameStats}, API calls ${s.apiCalls}, failures ${s.failures}${s.error ? ` (${s.error})` : ''}\n`,
            );
          }
        }
        if (result.seasons.some((s) => s.status !== 'completed')) process.exitCode = 1;
      });
    },
  );

  program
    .command('resume')
    .description(
      "end a run's NBA API cooldown now: its probe goes out at once (a backfill's child asks the backfill)",
    )
    .argument('<target>', "a season 'YYYY-YY' or a workflow id")
    .option(...seasonTypeFlag, seasonTypeOption, DEFAULT_SEASON_TYPE)
    .action(async (target: string, opts: { seasonType: SeasonType }) => {
      const workflowId = SEASON_PATTERN.test(target)
        ? seasonWorkflowId(seasonArgument(target), opts.seasonType)
        : target;
      await withClient(config, (client) => client.workflow.getHandle(workflowId).signal(resumeSignal));
      process.stderr.write(`asked ${workflowId} to end its cooldown and probe the NBA API now\n`);
    });

  program
    .command('changes')
    .description('print the audit trail of a run: each updated row with its old → new values')
    .argument('<runId>', 'the Temporal run id (ingestion_runs.run_id)')
    .option('--json', 'one JSON line per changed row', false)
    .action(async (runId: string, opts: { json: boolean }) => {
      const [header, rows] = await withDatabase(config, (database) =>
        Promise.all([describeRun(database, runId), listChanges(database, runId)]),
      );
      process.stdout.write(
        opts.json
          ? rows.map((r) => `${JSON.stringify(r)}\n`).join('')
          : `${header}\n${formatChanges(runId, rows)}\n`,
      );
    });

  program
    .command('status')
    .description(
      "one row per season and season type: last run and its status and dates ('season' or an interval), " +
        'games loaded (both stat rows), watermark (last game date up to which every game is loaded), ' +
        'loaded date ranges and the holes before them, requests and quality of the ' +
        "last run; 'standingsReconciled': true or false as the last run's games matched NBA.com's " +
        "standings, null where not applicable; then the fleet's NBA rate in force and who set it (the pacer or a person)",
    )
    .option('--json', 'print {"seasons": [...], "nbaRate": {...}} on one line', false)
    .action(async (opts: { json: boolean }) => {
      const [seasons, nbaRate] = await Promise.all([
        withDatabase(config, listSeasonStatus),
        fleetNbaRate(config),
      ]);
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ seasons, nbaRate })}\n`
          : `${formatSeasonStatus(seasons)}\n\n${nbaRate.text}\n`,
      );
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  await buildProgram(config).parseAsync(argv);
}
