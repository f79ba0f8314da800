/** A one-line progress bar on a terminal, redrawn from the workflow's `progress` query. */
import type { IngestProgress } from '../workflows/progress.js';

const WIDTH = 30;

export function renderProgressLine(p: IngestProgress): string {
  const total = Math.max(1, p.teams.total * 2);
  const done = p.teams.gamesDone + p.teams.rostersDone + p.teams.failed;
  const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
  const rows = Object.values(p.counts).reduce((n, c) => n + c.inserted + c.updated + c.unchanged, 0);
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${p.phase.padEnd(8)} ` +
    `games ${p.teams.gamesDone}/${p.teams.total} rosters ${p.teams.rostersDone}/${p.teams.total} ` +
    `failed ${p.teams.failed} api ${p.apiCalls} rows ${rows}`
  );
}

export class ProgressBar {
  constructor(private readonly out: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return Boolean(this.out.isTTY);
  }

  update(p: IngestProgress): void {
    if (this.enabled) this.out.write(`\r${renderProgressLine(p)}\x1b[K`);
  }

  finish(): void {
    if (this.enabled) this.out.write('\n');
  }
}
