import { BenchDatabases } from './databases.js';
import { openDatabase } from './context.js';
import { loadTeams } from '../db/load.js';
import { NBA_TEAMS } from '../nba/teams.js';
import * as P from './phases/partitioning.js';
const dbs = new BenchDatabases('postgres://nba:nba@127.0.0.1:5432/nba');
const { url } = await dbs.create('explain');
const database = openDatabase(url, 'x');
const m = P as any;
const time = async (sql: string, params: unknown[], n = 20) => { const t: number[] = []; for (let i = 0; i < n + 3; i++) { const s = performance.now(); await database.pool.query(sql, params); if (i >= 3) t.push(performance.now() - s); } t.sort((a, b) => a - b); return t[Math.floor(n / 2)]!.toFixed(2); };
try {
  await loadTeams(database, [...NBA_TEAMS], 'x');
  for (const s of m.__test.generateSql(80)) await database.pool.query(s);
  for (const s of m.__test.loadSql(false)) await database.pool.query(s);
  // denormalized unpartitioned copy
  await database.pool.query(`CREATE TABLE tgs_s (season text NOT NULL, LIKE team_game_stats INCLUDING ALL)`);
  await database.pool.query(`INSERT INTO tgs_s SELECT m.season, s.* FROM team_game_stats s JOIN matches m USING (game_id)`);
  await database.pool.query(`CREATE INDEX ON tgs_s (season, team_id)`);
  await database.pool.query('VACUUM ANALYZE');
  const q = m.__test.queries(false);
  console.log('standings default', await time(q.standings, ['2024-25']));
  console.log('teamSeason default', await time(q.teamSeasonGames, ['2024-25', 1610612747]));
  await database.pool.query('ALTER DATABASE ' + url.split('/').pop() + ' SET random_page_cost = 1.1');
  await database.close();
  const d2 = openDatabase(url, 'y');
  (database as any).pool = d2.pool;
  console.log('standings rpc1.1', await time(q.standings, ['2024-25']));
  console.log('teamSeason rpc1.1', await time(q.teamSeasonGames, ['2024-25', 1610612747]));
  const s2 = `SELECT s.team_id, count(*) FILTER (WHERE s.wl = 'W') AS wins, count(*) FILTER (WHERE s.wl = 'L') AS losses FROM matches m JOIN tgs_s s ON s.game_id = m.game_id WHERE m.season = $1 AND s.season = $1 AND m.season_type = 'Regular Season' GROUP BY s.team_id ORDER BY wins DESC`;
  const t2 = `SELECT m.game_date, m.home_team_id, m.away_team_id, m.home_score, m.away_score, s.* FROM tgs_s s JOIN matches m ON s.game_id = m.game_id WHERE s.team_id = $2 AND m.season = $1 AND s.season = $1 ORDER BY m.game_date`;
  console.log('standings season-col', await time(s2, ['2024-25']));
  console.log('teamSeason season-col', await time(t2, ['2024-25', 1610612747]));
  const r = await d2.pool.query(`EXPLAIN ANALYZE ${q.standings}`, ['2024-25']);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
  await d2.close();
} finally { await dbs.dropAll(); }
