/**
 * A local stand-in for stats.nba.com (node:http on 127.0.0.1) answering from real data directories:
 * recorded bodies verbatim when the query matches exactly, otherwise leaguegamefinder,
 * commonteamroster, leaguestandingsv3 and playerindex synthesized from the files (see data-store.ts).
 * Point NBA_STATS_BASE_URL at `url`.
 *
 * Admin paths on the server root (not counted as requests):
 *   GET /__requests    {total, perEndpoint, perQuery, cutoffs, log[]}     DELETE /__requests  resets
 *   GET /__faults      {faults}   POST /__faults  JSON rules (array or {faults}) replace the active ones
 *   DELETE /__faults   clears     GET /__health   {ok, url, seasons}
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Answer, Query, StatsEnvelope } from './answers.js';
import { answerCommonTeamRoster } from './common-team-roster.js';
import { openDataStore } from './data-store.js';
import { openSyntheticStore, type SyntheticSeasonsOptions } from './synthetic-seasons.js';
import { FaultBook, validateFaults, type FaultRule } from './faults.js';
import { answerLeagueGameFinder } from './league-game-finder.js';
import { answerLeagueStandings } from './league-standings.js';
import { answerPlayerIndex } from './player-index.js';
import { queryKey, type Recording } from './recordings.js';
import { RequestLog, type RequestStats } from './request-log.js';

export type { FaultRule } from './faults.js';
export type { RequestStats, LoggedRequest } from './request-log.js';

export interface ReplayServerOptions {
  /** Real data directories (data-store.ts) … */
  dataDirs: string[];
  /** … or, instead, seasons made up from a seed (synthetic-seasons.ts): never both. */
  synthetic?: SyntheticSeasonsOptions;
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  faults?: FaultRule[];
  /** seed for fault rates (reproducible runs) */
  seed?: number;
  /** diagnostics (internal errors); default: silent */
  log?: (line: string) => void;
}

export interface ReplayServer {
  /** base URL for NBA_STATS_BASE_URL, e.g. http://127.0.0.1:41234/stats */
  url: string;
  /** http://127.0.0.1:41234 (admin paths live here) */
  origin: string;
  port: number;
  close(): Promise<void>;
  requests(): RequestStats;
  resetRequests(): void;
  setFaults(faults: FaultRule[]): void;
  clearFaults(): void;
  faults(): FaultRule[];
}

const gzipAsync = promisify(gzip);
const DEFAULT_MISSING_COLUMN: Record<string, string> = {
  leaguegamefinder: 'PLUS_MINUS',
  commonteamroster: 'PLAYER_ID',
  playerindex: 'TEAM_ID',
};

export async function startReplayServer(opts: ReplayServerOptions): Promise<ReplayServer> {
  if (opts.synthetic && opts.dataDirs.length > 0)
    throw new Error(
      'replay: synthetic seasons are never mixed with real data: give data directories or synthetic seasons',
    );
  const store = opts.synthetic ? openSyntheticStore(opts.synthetic) : await openDataStore(opts.dataDirs);
  const faults = new FaultBook(opts.faults ?? [], opts.seed);
  const log = new RequestLog();
  const diagnostics = opts.log ?? (() => {});
  const timers = new Set<NodeJS.Timeout>();
  let recordingIndex: Promise<Map<string, Recording>> | undefined;

  const findRecording = async (endpoint: string, query: Query) => {
    recordingIndex ??= store
      .recordings()
      .then((list) => new Map(list.map((r) => [`${r.endpoint} ${r.key}`, r] as const)));
    return (await recordingIndex).get(`${endpoint} ${queryKey(query)}`);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handleStats(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    endpoint: string,
  ): Promise<void> {
    const params: Record<string, string> = {};
    for (const [name, value] of url.searchParams) if (!(name in params)) params[name] = value;
    const query: Query = new Map(Object.entries(params));
    const teamIdText = params.TeamID?.trim();
    const entry = log.add({
      endpoint,
      params,
      query: url.search.replace(/^\?/, ''),
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
      ),
    });
    const cutoff = faults.cutoffAt(entry.t);
    if (cutoff) {
      entry.faults = ['cutoff'];
      entry.cutoff = cutoff.ordinal;
      if (cutoff.mode === 'hang') return; // like a blocked client: the answer never comes
      entry.status = cutoff.mode;
      res.writeHead(entry.status, {
        'Content-Type': 'text/plain; charset=utf-8',
        ...(cutoff.retryAfter ? { 'Retry-After': cutoff.retryAfter } : {}),
      });
      res.end(entry.status === 403 ? 'Access Denied' : http.STATUS_CODES[entry.status]);
      return;
    }
    const firing = faults.draw({ endpoint, teamId: teamIdText ? Number(teamIdText) : undefined });
    entry.faults = firing.map((rule) => rule.kind);

    const latency = firing
      .filter((r) => r.kind === 'latency')
      .reduce((sum, r) => sum + (r.latencyMs ?? 100), 0);
    if (latency > 0) await sleep(latency);

    const terminal = firing.find((r) => ['hang', 'reset', 'rate-limit', 'server-error'].includes(r.kind));
    if (terminal?.kind === 'hang') return; // keep the socket open, answer never comes
    if (terminal?.kind === 'reset') {
      const socket = req.socket as Socket & { resetAndDestroy?: () => void };
      if (socket.resetAndDestroy) socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    if (terminal?.kind === 'rate-limit') {
      const retryAfter = terminal.retryAfter ?? '1';
      entry.status = terminal.status ?? 429;
      res.writeHead(entry.status, {
        'Content-Type': 'text/plain; charset=utf-8',
        ...(retryAfter !== '' ? { 'Retry-After': retryAfter } : {}),
      });
      res.end('Too Many Requests');
      return;
    }
    if (terminal?.kind === 'server-error') {
      entry.status = terminal.status ?? 500;
      res.writeHead(entry.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"Message":"An error has occurred."}');
      return;
    }

    const recording = await findRecording(endpoint, query);
    let answer: Answer;
    if (recording)
      answer = { kind: 'verbatim', bytes: await store.recordingBody(recording), file: recording.file };
    else if (endpoint === 'leaguegamefinder') answer = await answerLeagueGameFinder(query, store);
    else if (endpoint === 'commonteamroster') answer = await answerCommonTeamRoster(query, store);
    else if (endpoint === 'leaguestandingsv3') answer = await answerLeagueStandings(query, store);
    else if (endpoint === 'playerindex') answer = await answerPlayerIndex(query, store);
    else answer = { kind: 'error', status: 404, message: `replay: endpoint '${endpoint}' is not emulated` };

    if (answer.kind === 'error') {
      entry.status = answer.status;
      entry.source = 'error';
      res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(answer.message);
      return;
    }
    entry.source = store.synthetic ? 'synthetic' : answer.kind === 'verbatim' ? 'verbatim' : 'synthesized';
    if (answer.kind === 'json' && answer.note) entry.note = answer.note;

    const mutators = firing.filter((r) =>
      ['drop-team-games', 'missing-column', 'row-cap', 'malformed-json'].includes(r.kind),
    );
    let bytes: Buffer;
    if (mutators.length === 0) {
      bytes = answer.kind === 'verbatim' ? answer.bytes : Buffer.from(JSON.stringify(answer.body));
    } else {
      let body: StatsEnvelope =
        answer.kind === 'verbatim'
          ? (JSON.parse(answer.bytes.toString('utf8')) as StatsEnvelope)
          : answer.body;
      for (const rule of mutators) {
        if (rule.kind === 'drop-team-games') body = dropTeamRows(body, rule.teamIds);
        if (rule.kind === 'missing-column')
          body = dropColumn(body, rule.column ?? DEFAULT_MISSING_COLUMN[endpoint] ?? '');
        if (rule.kind === 'row-cap' && rule.rows !== undefined) {
          const capped = capRows(body, rule.rows);
          body = capped.body;
          if (capped.cut) entry.note = `row-cap: ${capped.cut}`;
        }
      }
      let text = JSON.stringify(body);
      if (mutators.some((r) => r.kind === 'malformed-json'))
        text = text.slice(0, Math.floor(text.length / 2));
      bytes = Buffer.from(text);
    }

    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json; charset=utf-8',
      'x-replay-source': entry.source,
      ...(entry.note ? { 'x-replay-note': entry.note } : {}),
    };
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      bytes = await gzipAsync(bytes);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = bytes.length;
    entry.status = 200;
    res.writeHead(200, headers);
    res.end(bytes);
    faults.answered(Date.now());
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/__requests' && method === 'GET') return sendJson(res, 200, log.stats());
    if (path === '/__requests' && method === 'DELETE') {
      log.reset();
      return sendJson(res, 200, { total: 0 });
    }
    if (path === '/__faults' && method === 'GET') return sendJson(res, 200, { faults: faults.list() });
    if (path === '/__faults' && method === 'DELETE') {
      faults.clear();
      return sendJson(res, 200, { faults: [] });
    }
    if (path === '/__faults' && (method === 'POST' || method === 'PUT')) {
      try {
        const rules = validateFaults(JSON.parse(await readBody(req)));
        faults.set(rules);
        return sendJson(res, 200, { faults: faults.list() });
      } catch (error) {
        return sendJson(res, 400, { error: (error as Error).message });
      }
    }
    if (path === '/__health')
      return sendJson(res, 200, { ok: true, url: server.url, seasons: store.seasons() });
    return sendJson(res, 404, { error: `no admin route ${method} ${path}` });
  }

  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay.local');
    const path = url.pathname;
    const stats = /^\/stats\/([A-Za-z0-9]+)\/?$/.exec(path);
    const work = path.startsWith('/__')
      ? handleAdmin(req, res, path)
      : stats && req.method === 'GET'
        ? handleStats(req, res, url, (stats[1] as string).toLowerCase())
        : Promise.resolve(
            sendText(res, stats ? 405 : 404, stats ? 'method not allowed' : `replay: no route ${path}`),
          );
    work.catch((error: unknown) => {
      diagnostics(`replay: internal error on ${req.url}: ${(error as Error)?.stack ?? error}`);
      if (!res.headersSent)
        sendText(res, 500, `replay: internal error: ${(error as Error)?.message ?? error}`);
      else res.destroy();
    });
  });
  httpServer.keepAliveTimeout = 30_000;

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  const server: ReplayServer = {
    url: `${origin}/stats`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections(); // also the hung ones
      }),
    requests: () => log.stats(),
    resetRequests: () => log.reset(),
    setFaults: (rules) => faults.set(rules),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
  };
  return server;
}

function dropTeamRows(body: StatsEnvelope, teamIds: number[] | undefined): StatsEnvelope {
  return {
    ...body,
    resultSets: body.resultSets.map((set) => {
      const teamIndex = set.headers.indexOf('TEAM_ID');
      if (teamIndex < 0) return set;
      const rowSet = teamIds ? set.rowSet.filter((row) => !teamIds.includes(Number(row[teamIndex]))) : [];
      return { ...set, rowSet };
    }),
  };
}

/** Each result set cut to its first `rows` rows; `cut` says what was cut ('26401 rows cut to 5000'), if anything. */
function capRows(body: StatsEnvelope, rows: number): { body: StatsEnvelope; cut?: string } {
  const cuts: string[] = [];
  const resultSets = body.resultSets.map((set) => {
    if (set.rowSet.length <= rows) return set;
    cuts.push(`${set.rowSet.length} rows cut to ${rows}`);
    return { ...set, rowSet: set.rowSet.slice(0, rows) };
  });
  return cuts.length === 0 ? { body } : { body: { ...body, resultSets }, cut: cuts.join(', ') };
}

function dropColumn(body: StatsEnvelope, column: string): StatsEnvelope {
  let dropped = false;
  return {
    ...body,
    resultSets: body.resultSets.map((set) => {
      const index = set.headers.indexOf(column);
      if (index < 0 || dropped) return set;
      dropped = true;
      const without = <T>(list: T[]) => list.filter((_, i) => i !== index);
      return { ...set, headers: without(set.headers), rowSet: set.rowSet.map(without) };
    }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
