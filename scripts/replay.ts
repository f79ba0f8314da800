/**
 * npm run replay -- --data DIR [--data DIR2 …] [--port P] [--fault SPEC …] [--faults-json JSON] [--seed N]
 * npm run replay -- --synthetic 1983-84..2025-26 [--synthetic-seed N] …   (made-up seasons, never with --data)
 * Starts the local stats.nba.com stand-in and prints the URL to use as NBA_STATS_BASE_URL.
 * Fault SPEC: kind?key=value&… (kinds: latency hang rate-limit server-error reset malformed-json
 * missing-column drop-team-games cutoff; keys: rate teams endpoint firstN ms status retryAfter column
 * every seconds mode), e.g. --fault 'rate-limit?teams=1610612737&retryAfter=2&firstN=1',
 * --fault 'latency?ms=200&rate=0.5', --fault 'cutoff?every=25&seconds=15&mode=hang'
 */
import { Command } from 'commander';
import { parseSeasonSelection, seasonsOf } from '../domain/season.js';
import { parseFaultSpec, validateFaults, type FaultRule } from '../replay/faults.js';
import { startReplayServer } from '../replay/server.js';

const collect = (value: string, previous: string[]) => [...previous, value];

const program = new Command('replay')
  .description('Local replay server of real stats.nba.com data (leaguegamefinder, commonteamroster)')
  .option('--data <dir>', 'data directory, scanned recursively (repeatable)', collect, [] as string[])
  .option(
    '--synthetic <seasons>',
    "made-up seasons instead of data, e.g. '1983-84..2025-26' (never mixed with --data)",
  )
  .option('--synthetic-seed <n>', 'seed of the synthetic seasons (default 1)')
  .option('--port <port>', 'port to listen on (0 = any free port)', '8787')
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option('--fault <spec>', 'fault rule kind?key=value&… (repeatable)', collect, [] as string[])
  .option('--faults-json <json>', 'fault rules as a JSON array')
  .option('--seed <n>', 'seed for fault rates')
  .action(
    async (options: {
      data: string[];
      port: string;
      host: string;
      fault: string[];
      faultsJson?: string;
      seed?: string;
      synthetic?: string;
      syntheticSeed?: string;
    }) => {
      if (options.data.length > 0 === (options.synthetic !== undefined))
        throw new Error('give --data DIR (real data) or --synthetic SEASONS (made-up seasons), one of them');
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port '${options.port}' is not a port`);
      const faults: FaultRule[] = [
        ...options.fault.map(parseFaultSpec),
        ...(options.faultsJson ? validateFaults(JSON.parse(options.faultsJson)) : []),
      ];
      const server = await startReplayServer({
        dataDirs: options.data,
        ...(options.synthetic !== undefined
          ? {
              synthetic: {
                seasons: seasonsOf(parseSeasonSelection(options.synthetic, new Date()), new Date()),
                ...(options.syntheticSeed !== undefined ? { seed: Number(options.syntheticSeed) } : {}),
              },
            }
          : {}),
        port,
        host: options.host,
        faults,
        ...(options.seed !== undefined ? { seed: Number(options.seed) } : {}),
        log: (line) => console.error(line),
      });
      console.log(`replay server listening; NBA_STATS_BASE_URL=${server.url}`);
      console.log(
        `requests: ${server.origin}/__requests  faults: ${server.origin}/__faults  (${faults.length} active)`,
      );
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`replay: ${(error as Error).message}`);
  process.exit(1);
});
