/**
 * The Temporal Web UI (the test run's dev server, UI 2.50) shows a finished ingestSeason run: found
 * through its NbaSeason search attribute, listed as Completed, and its page shows the progress
 * details the workflow set (setCurrentDetails), and its Reset button makes a run of its own whose record
 * names the run it reset. Headless Debian Chromium via playwright-core;
 * screenshots go to test-results/webui-*.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getRun } from '../../../db/runs.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { hasNbaData, isCi, repoRoot, uniqueWorkflowId } from '../../support/index.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';
import { chromiumPath, hasChromium, launchChromium, type Browser } from '../../support/chromium.js';

const SEASON = '2023-24';
const SCREENSHOT_DIR = path.join(repoRoot, 'test-results');
const inCi = isCi();

if (!hasChromium()) {
  console.warn(
    `[webui] no Chromium at ${chromiumPath()}: ${inCi ? 'failing (CI)' : 'skipping'}. ` +
      'Run scripts/ensure-chromium.sh (Debian chromium) or set CHROMIUM_PATH.',
  );
}

async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `webui-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// In CI a missing browser is a failure (the suite below runs and its beforeAll throws), never a skip.
describe.skipIf(!hasNbaData() || (!hasChromium() && !inCi))(
  'Temporal Web UI shows a completed ingestSeason run',
  () => {
    const uiUrl = inject('temporalUiUrl');
    let pipeline: Pipeline;
    let browser: Browser;
    let page: Page;
    let result: IngestSeasonResult;

    beforeAll(async () => {
      if (!hasChromium()) {
        throw new Error(
          `no Chromium at ${chromiumPath()} (CI requires it): run scripts/ensure-chromium.sh as root`,
        );
      }
      pipeline = await startPipeline();
      await pipeline.startWorkers();
      const handle = await pipeline.start({ season: SEASON }, uniqueWorkflowId(`webui-ingest-${SEASON}`));
      [result, browser] = await Promise.all([
        handle.result() as Promise<IngestSeasonResult>,
        launchChromium(),
      ]);
      page = await browser.context.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await pipeline?.close();
    });

    /** Visibility is eventually consistent: wait until the server's own list query finds the closed run. */
    async function waitUntilListed(query: string): Promise<void> {
      for (let i = 0; i < 100; i++) {
        for await (const execution of pipeline.client.workflow.list({ query })) {
          if (execution.status.name === 'COMPLETED') return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no completed workflow for ${query}`);
    }

    it('lists the run under its NbaSeason search attribute, with status Completed', async () => {
      expect(result.status).toBe('completed');
      const query = `NbaSeason='${SEASON}' AND WorkflowId='${result.workflowId}'`;
      await waitUntilListed(query);
      // UI 2.50 reads the list filter from ?query=<visibility query>.
      await page.goto(
        `${uiUrl}/namespaces/${pipeline.namespace}/workflows?query=${encodeURIComponent(query)}`,
      );

      const row = page.getByRole('row').filter({ hasText: result.workflowId });
      await row.waitFor({ timeout: 30_000 });
      expect(await page.getByRole('row').filter({ hasText: 'ingestSeason' }).count()).toBe(1);
      expect(await row.innerText()).toMatch(/Completed[\s\S]*ingestSeason/);
      expect(await page.getByText(`"${SEASON}"`).first().isVisible()).toBe(true); // the NbaSeason filter chip
      await screenshot(page, 'list');
    });

    it('opens the run and shows its progress details (setCurrentDetails) and search attributes', async () => {
      const row = page.getByRole('row').filter({ hasText: result.workflowId });
      await row.getByRole('link', { name: result.workflowId }).click();
      await page.waitForURL(new RegExp(`/workflows/${result.workflowId}/${result.runId}/`));
      await page.getByRole('tab', { name: 'User Metadata' }).click();

      // The UI renders the markdown in a sandboxed iframe once its metadata query to the worker answers.
      const details = page.frameLocator('#user-metadata-current-details').locator('body');
      await details.locator('pre').waitFor({ timeout: 30_000 }); // the counts block
      // The UI's markdown typesets "30/30" as a fraction (<sup>30</sup>⁄<sub>30</sub>, U+2044).
      const text = (await details.innerText()).replace(/\s*\u2044\s*/g, '/');
      expect(text).toContain(`${SEASON} Regular Season: done (completed)`);
      expect(text).toContain('teams: games 30/30, rosters 30/30, failed 0; API calls 62');
      expect(text).toMatch(/team_game_stats\s+2460\s+0\s+0/);
      expect(text).toMatch(/player_game_stats\s+26401\s+0\s+0/);
      expect(text).toContain('player lines: 26401 rows of 1230 games, units 1/1');
      expect(text).toContain('player lines add up in 2460/2460 team-games');
      expect(text).toMatch(/quality: \d+ checks passed/);
      await screenshot(page, 'details');

      await page.getByRole('tab', { name: 'Search Attributes' }).click();
      const attributes = page.locator('main');
      await attributes.getByText('"NbaRunStatus": "completed"').waitFor({ timeout: 15_000 });
      const attributeText = await attributes.innerText();
      expect(attributeText).toContain(`"NbaSeason": "${SEASON}"`);
      expect(attributeText).toContain('"NbaSeasonType": "Regular Season"');
      await screenshot(page, 'search-attributes');
    });

    it('labels every team activity with its unit and team in the Timeline (`roster · BOS`)', async () => {
      await page.getByRole('tab', { name: 'Timeline' }).click();
      // The Timeline is an SVG chart: one row per activity, "<type> • <summary>".
      const label = page.locator('svg text').filter({ hasText: /ingestTeam\w+ • (games|roster) · [A-Z]{3}/ });
      await label.first().waitFor({ timeout: 30_000 });
      expect(await label.count()).toBeGreaterThanOrEqual(5);
      // The league-wide players' lines, one row of its own.
      const players = page
        .locator('svg text')
        .filter({ hasText: /ingestPlayerGames • player games · league/ });
      expect(await players.count()).toBe(1);
      await screenshot(page, 'timeline');
    });

    it('Reset (to the last workflow task) makes a new run with a record of its own naming the run it reset', async () => {
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: 'Reset Workflow' });
      await dialog.waitFor();
      // The event picker: a button opening a menu of "<event id> - <event type>" options.
      await dialog.locator('button[data-variant=secondary]').first().click();
      await page
        .getByRole('option', { name: /WorkflowTaskCompleted/ })
        .last()
        .click();
      await dialog.getByPlaceholder('Enter a reason').fill('re-check the quality from the Web UI');
      await screenshot(page, 'reset-dialog');
      await dialog.getByRole('button', { name: 'Confirm' }).click();

      const handle = pipeline.client.workflow.getHandle(result.workflowId);
      let runId = result.runId;
      for (let i = 0; i < 100 && runId === result.runId; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        runId = (await handle.describe()).runId;
      }
      expect(runId).not.toBe(result.runId);
      const reset = (await pipeline.client.workflow
        .getHandle(result.workflowId, runId)
        .result()) as IngestSeasonResult;
      expect(reset.status).toBe('completed');
      expect(await getRun(pipeline.database, runId)).toMatchObject({
        trigger: 'reset',
        resetOf: result.runId,
        status: 'completed',
      });
      await page.goto(
        `${uiUrl}/namespaces/${pipeline.namespace}/workflows/${result.workflowId}/${runId}/history`,
      );
      await page.getByText('Completed').first().waitFor({ timeout: 30_000 });
      await screenshot(page, 'reset');
    });
  },
);
