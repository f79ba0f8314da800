import { access, constants } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { SEARCH_ATTRIBUTE_TYPES } from '../../../domain/search-attributes.js';
import { DEV_SERVER_DYNAMIC_CONFIG } from '../../../lib/temporal-dev-server.js';
import { runScript } from '../../support/run-script.js';

describe('platform scripts', () => {
  it('ensure-temporal-cli.sh --print-path finds the CLI the test server runs from, without installing', async () => {
    const result = await runScript('scripts/ensure-temporal-cli.sh', ['--print-path', '--no-install']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(inject('temporalCliPath'));
    await access(result.stdout.trim(), constants.X_OK);
  });

  it('search-attributes.sh prints the same attributes as domain/search-attributes.ts', async () => {
    const result = await runScript('scripts/lib/search-attributes.sh', []);
    expect(result.code, result.stderr).toBe(0);
    const expected = Object.entries(SEARCH_ATTRIBUTE_TYPES).map(([name, type]) => `${name}=${type}`);
    expect(result.stdout.trim().split('\n')).toEqual(expected);
  });

  it("dev-server-config.sh prints the dev server's dynamic config from lib/temporal-dev-server.ts", async () => {
    const result = await runScript('scripts/lib/dev-server-config.sh', []);
    expect(result.code, result.stderr).toBe(0);
    const expected = Object.entries(DEV_SERVER_DYNAMIC_CONFIG).map(([key, value]) => `${key}=${value}`);
    expect(result.stdout.trim().split('\n')).toEqual(expected);
    expect(expected).toContain('history.transferProcessorMaxPollRPS=1000');
  });
});
