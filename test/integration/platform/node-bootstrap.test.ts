/**
 * scripts/ensure-node.sh, the bootstrap of the project's Node.js (.node-version): the suite itself runs on
 * it, a system Node that is new enough is used as it is with nothing fetched, and a Node too old even to
 * bootstrap is refused with what to do. No case here downloads anything.
 */
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/index.js';
import { runScript } from '../../support/run-script.js';

const pinned = readFileSync(path.join(repoRoot, '.node-version'), 'utf8').trim();
const pinnedMajor = pinned.split('.')[0];

/** A PATH whose first directory, outside the repository, holds the `node` that `make` writes there. */
async function pathWithNode(dirs: string[], make: (node: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nba-node-'));
  dirs.push(dir);
  await make(path.join(dir, 'node'));
  return { node: path.join(dir, 'node'), env: { PATH: `${dir}:${process.env.PATH ?? ''}` } };
}

describe('the project’s Node.js', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("runs this suite: .node-version's major, whatever the system's", () => {
    expect(process.versions.node.split('.')[0]).toBe(pinnedMajor);
  });

  it('is the system’s when that is new enough: nothing fetched, and setup says so', async () => {
    // This suite's node, linked outside the repository: a system Node of the pinned major.
    const { node, env } = await pathWithNode(dirs, (file) => symlink(process.execPath, file));
    const result = await runScript('scripts/ensure-node.sh', ['--print-path'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(node);
    expect(result.stderr).toContain(`using the system's Node ${process.version}`);
    expect(result.stderr).not.toContain('fetching');
  });

  it('refuses a system Node too old even to bootstrap, before fetching anything', async () => {
    const { env } = await pathWithNode(dirs, async (file) => {
      await writeFile(file, '#!/bin/sh\ncase "$1" in --version) echo v18.20.0 ;; *) echo 18 ;; esac\n');
      await chmod(file, 0o755);
    });
    const result = await runScript('scripts/ensure-node.sh', ['--print-path'], env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Node.js >= 20 is required to bootstrap (found v18.20.0');
    expect(result.stderr).not.toContain('fetching');
  });
});
