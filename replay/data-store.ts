/**
 * What the replay server can answer from: data directories laid out like ../shared/nba-data, scanned
 * recursively once at start (names only); file contents are read on first use and cached.
 *   games_<season>.csv            LeagueGameFinder team rows of one season
 *   player_logs_<season>.csv      LeagueGameFinder player rows (PlayerOrTeam=P) of one regular season
 *   teams/<TEAM_ID>_<season>.json CommonTeamRoster player rows (a JSON array of objects)
 *   any other *.json envelope      a recorded response body, served verbatim for exactly its query
 *   _recordings_index.json        request metadata for recorded bodies (exact query per file)
 *   regular_season_records.csv    final regular-season W-L per team and season → leaguestandingsv3
 *   a recorded leaguegamelog (T, Regular Season) of a season without games_<season>.csv → its games
 * When two directories hold the same season or roster, the first directory given wins.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gameTableFromGameLog, isSeasonGameLog } from './game-log.js';
import { SEASON_GRAMMAR } from '../domain/season.js';
import { loadGamesCsv, type GameTable } from './games-csv.js';
import { loadPlayerLogsCsv, type PlayerLogTable } from './player-logs-csv.js';
import { loadRecordings, type Recording } from './recordings.js';
import { loadSeasonRecords, RECORDS_FILE, type SeasonRecords } from './season-records.js';

export interface RosterFile {
  headers: string[];
  rows: unknown[][];
}

export interface DataStore {
  dataDirs: readonly string[];
  /** Made-up seasons (synthetic-seasons.ts), never mixed with real data. */
  synthetic: boolean;
  seasons(): string[];
  games(season: string): Promise<GameTable | undefined>;
  /** Seasons with player game logs (regular season only), sorted. */
  playerLogSeasons(): string[];
  playerLogs(season: string): Promise<PlayerLogTable | undefined>;
  roster(teamId: number, season: string): Promise<RosterFile | undefined>;
  recordings(): Promise<Recording[]>;
  recordingBody(recording: Recording): Promise<Buffer>;
  /** Final regular-season W-L per team of `season`, from the first records file that has it. */
  records(season: string): Promise<SeasonRecords | undefined>;
}

const GAMES_FILE = new RegExp(`^games_(${SEASON_GRAMMAR})\\.csv$`);
const PLAYER_LOGS_FILE = new RegExp(`^player_logs_(${SEASON_GRAMMAR})\\.csv$`);
const ROSTER_FILE = new RegExp(`^(\\d+)_(${SEASON_GRAMMAR})\\.json$`);

export async function openDataStore(dataDirs: readonly string[]): Promise<DataStore> {
  if (dataDirs.length === 0) throw new Error('replay: give at least one data directory');
  const gameFiles = new Map<string, string>();
  const playerLogFiles = new Map<string, string>();
  const rosterFiles = new Map<string, string>();
  const jsonFiles: string[] = [];
  const indexFiles: string[] = [];
  const recordFiles: string[] = [];

  for (const dir of dataDirs) {
    const root = path.resolve(dir);
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory())
      throw new Error(`replay: data directory '${dir}' does not exist or is not a directory`);
    const entries = (await readdir(root, { recursive: true })).map(String).sort();
    for (const relative of entries) {
      const file = path.join(root, relative);
      const base = path.basename(relative);
      const games = GAMES_FILE.exec(base);
      const playerLogs = PLAYER_LOGS_FILE.exec(base);
      const roster = ROSTER_FILE.exec(base);
      if (games) {
        if (!gameFiles.has(games[1] as string)) gameFiles.set(games[1] as string, file);
      } else if (playerLogs) {
        if (!playerLogFiles.has(playerLogs[1] as string)) playerLogFiles.set(playerLogs[1] as string, file);
      } else if (roster && path.basename(path.dirname(relative)) === 'teams') {
        const key = rosterKey(Number(roster[1]), roster[2] as string);
        if (!rosterFiles.has(key)) rosterFiles.set(key, file);
      } else if (base === RECORDS_FILE) {
        recordFiles.push(file);
      } else if (base === '_recordings_index.json') {
        indexFiles.push(file);
      } else if (base.endsWith('.json')) {
        jsonFiles.push(file);
      }
    }
  }

  const gameCache = new Map<string, Promise<GameTable>>();
  const playerLogCache = new Map<string, Promise<PlayerLogTable>>();
  const rosterCache = new Map<string, Promise<RosterFile>>();
  const bodyCache = new Map<string, Promise<Buffer>>();
  let recordingsPromise: Promise<Recording[]> | undefined;
  let recordsPromise: Promise<Map<string, SeasonRecords>[]> | undefined;
  const recordings = (): Promise<Recording[]> =>
    (recordingsPromise ??= loadRecordings(indexFiles, jsonFiles));
  // Seasons whose games come from a recorded game log (listed at start, read on first use).
  const gameLogs = new Map<string, Recording>();
  for (const recording of await recordings()) {
    const season = isSeasonGameLog(recording);
    if (season && !gameFiles.has(season) && !gameLogs.has(season)) gameLogs.set(season, recording);
  }

  return {
    dataDirs,
    synthetic: false,
    seasons: () => [...new Set([...gameFiles.keys(), ...gameLogs.keys()])].sort(),
    games(season) {
      const file = gameFiles.get(season);
      const gameLog = gameLogs.get(season);
      if (file) return memo(gameCache, season, () => loadGamesCsv(season, file));
      if (gameLog) return memo(gameCache, season, () => gameTableFromGameLog(season, gameLog.file));
      return Promise.resolve(undefined);
    },
    playerLogSeasons: () => [...playerLogFiles.keys()].sort(),
    playerLogs(season) {
      const file = playerLogFiles.get(season);
      if (!file) return Promise.resolve(undefined);
      return memo(playerLogCache, season, () => loadPlayerLogsCsv(season, file));
    },
    roster(teamId, season) {
      const key = rosterKey(teamId, season);
      const file = rosterFiles.get(key);
      if (!file) return Promise.resolve(undefined);
      return memo(rosterCache, key, () => loadRosterFile(file));
    },
    recordings,
    async records(season) {
      recordsPromise ??= Promise.all(recordFiles.map(loadSeasonRecords));
      return (await recordsPromise).find((file) => file.has(season))?.get(season);
    },
    recordingBody(recording) {
      return memo(bodyCache, recording.file, () => readFile(recording.file));
    },
  };
}

function rosterKey(teamId: number, season: string): string {
  return `${teamId}_${season}`;
}

/** A failed load is not cached, so a fixed file is picked up on the next request. */
function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/** A JSON array of row objects; headers are the keys in first-seen order. */
async function loadRosterFile(file: string): Promise<RosterFile> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`replay: ${file} is not a JSON array of roster rows`);
  const headers: string[] = [];
  for (const row of parsed) {
    for (const key of Object.keys(row as object)) if (!headers.includes(key)) headers.push(key);
  }
  const rows = parsed.map((row) => headers.map((h) => (row as Record<string, unknown>)[h] ?? null));
  return { headers, rows };
}
