/** The command line refuses bad input before it connects to Temporal. */
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildScheduleProgram } from '../../../cli/schedule.js';
import { loadConfig } from '../../../config/env.js';

function program() {
  let connects = 0;
  let stderr = '';
  const cli = buildScheduleProgram(loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:1' }), {
    connect: async () => {
      connects += 1;
      throw new Error('must not connect');
    },
    write: () => undefined,
    now: () => new Date('2026-11-27T10:00:00Z'),
  });
  for (const cmd of [cli, ...cli.commands]) {
    cmd.exitOverride().configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => undefined });
  }
  return {
    run: (...args: string[]) => cli.parseAsync(['node', 'schedule', ...args]),
    connects: () => connects,
    stderr: () => stderr,
  };
}

describe('npm run schedule: validation before any side effect', () => {
  it.each([
    [['create', '--cron', '0 9 * *'], /--cron.*has 4 fields/],
    [['create', '--time-zone', 'Mars/Base'], /time zone 'Mars\/Base' is not an IANA time zone name/],
    [['create', '--calendar', '{"hour":99}'], /calendar .* hour/],
    [['create', '--cron', '0 9 * * *', '--calendar', '{"hour":9}'], /cannot be used with option '--calendar/],
    [['create', '--season-type', 'preseason'], /seasonType "preseason" is not one of/],
    [['create', '--id', 'no spaces please'], /schedule id 'no spaces please'/],
    [['trigger', '--overlap', 'sometimes'], /overlap policy 'sometimes'/],
    [['backfill', '--from', 'yesterday', '--to', '2024-01-01'], /--from 'yesterday' is not an ISO 8601 time/],
    [
      ['backfill', '--max-runs', '0', '--from', '2024-01-01', '--to', '2024-02-01'],
      /'0' is not a positive whole number/,
    ],
  ])('%j', async (args, message) => {
    const cli = program();
    const err = await cli.run(...args).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommanderError);
    expect(cli.stderr()).toMatch(message);
    expect(cli.connects()).toBe(0);
  });

  it.each([
    [['backfill'], /give seasons .* or --from\/--to/],
    [['backfill', '2023-24..2021-22'], /runs backwards/],
    [['backfill', '2027-28'], /has not started yet/],
    [
      ['backfill', '2023-24', '--from', '2024-01-01', '--to', '2024-02-01'],
      /seasons or --from\/--to, not both/,
    ],
    [['backfill', '--from', '2024-01-01'], /--from and --to go together/],
    [['backfill', '2023-24', '--overlap', 'SKIP'], /season backfills always use ALLOW_ALL/],
  ])('backfill %j', async (args, message) => {
    const cli = program();
    await expect(cli.run(...args)).rejects.toThrow(message);
    expect(cli.connects()).toBe(0);
  });

  it('valid input gets as far as connecting', async () => {
    const cli = program();
    await expect(cli.run('create', '--cron', '30 6 * * MON-FRI', '--time-zone', 'UTC')).rejects.toThrow(
      'must not connect',
    );
    expect(cli.connects()).toBe(1);
  });
});
