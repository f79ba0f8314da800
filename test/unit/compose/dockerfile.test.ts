/**
 * Structure of the worker Dockerfile (Docker is not available where the suite runs): a multi-stage
 * build on one pinned base, the project's Node (.node-version, whose major engines and @types/node
 * name too), the bundle built in the build stage, production dependencies only at runtime, a non-root
 * user, and an environment config/env.ts accepts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/env.js';
import { REPO_ROOT } from '../../support/compose-model.js';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions (continuation lines joined, comments dropped) grouped by FROM. */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m?.[1]) throw new Error(`unreadable FROM: ${line}`);
      stages.push({ image: m[1], name: m[2], instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`instruction before FROM: ${line}`);
      stage.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const readRepoFile = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const stages = parseDockerfile(readRepoFile('Dockerfile'));
/** The one pin of the project's Node.js (scripts/ensure-node.sh fetches it where the system's is older). */
const nodeVersion = readRepoFile('.node-version').trim();
const build = stages[0];
const runtime = stages.at(-1);
const args = (stage: Stage | undefined, keyword: string) =>
  (stage?.instructions ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);

/** ENV instructions as key → value (both `ENV K=V K2=V2` and the legacy `ENV K V`). */
function envOf(stage: Stage | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of args(stage, 'ENV')) {
    if (!line.includes('=')) {
      const [key = '', ...rest] = line.split(/\s+/);
      env[key] = rest.join(' ');
      continue;
    }
    for (const m of line.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      env[m[1] ?? ''] = (m[2] ?? '').replace(/^"|"$/g, '');
    }
  }
  return env;
}

describe('Dockerfile', () => {
  it("is a multi-stage build on one slim base: the official image of .node-version's Node", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage.image).toMatch(new RegExp(`^node:${nodeVersion.replaceAll('.', '\\.')}-[a-z]+-slim$`));
    }
    expect(new Set(stages.map((s) => s.image)).size).toBe(1);
  });

  it('installs every dependency and runs npm run build in the build stage', () => {
    const runs = args(build, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).not.toContain('--omit=dev');
    expect(runs).toMatch(/\bnpm run build\b/);
  });

  it('installs production dependencies only in the runtime stage and copies the built code', () => {
    const runs = args(runtime, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci --omit=dev\b/);
    expect(runs).not.toMatch(/\bnpm run build\b/);
    const copies = args(runtime, 'COPY');
    expect(copies).toContain(`--from=${build?.name} /app/dist ./dist`);
    // db/migrate.ts resolves its migrations folder next to itself: dist/db/migrations once compiled.
    expect(copies).toContain(`--from=${build?.name} /app/db/migrations ./dist/db/migrations`);
  });

  it('runs the worker from the prebuilt bundle as a non-root user', () => {
    const users = args(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime?.instructions.map((i) => i.keyword) ?? [];
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.lastIndexOf('CMD'));
    expect(JSON.parse(args(runtime, 'CMD').at(-1) ?? 'null')).toEqual(['node', 'dist/scripts/worker.js']);
    expect(envOf(runtime).WORKFLOW_BUNDLE_PATH).toBe('/app/dist/workflow-bundle.js');
  });

  it('sets only variables config/env.ts accepts (besides NODE_ENV)', () => {
    const { NODE_ENV, ...appEnv } = envOf(runtime);
    expect(NODE_ENV).toBe('production');
    const config = loadConfig(appEnv);
    for (const key of Object.keys(appEnv)) expect(Object.keys(config), key).toContain(key);
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.env', '.git', 'node_modules', 'dist', '.tools'])
      expect(ignored, entry).toContain(entry);
  });
});

describe('The Node.js major: one in the image, .node-version, engines and @types/node', () => {
  const manifest = JSON.parse(readRepoFile('package.json')) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
  };
  const majorOf = (what: string, text: string | undefined, pattern: RegExp): number => {
    const major = pattern.exec(text ?? '')?.[1];
    if (major === undefined) throw new Error(`${what}: no major version in '${text}'`);
    return Number(major);
  };
  const pinned = majorOf('.node-version', nodeVersion, /^(\d+)\.\d+\.\d+$/);

  it('pins one full version in .node-version', () => {
    expect(nodeVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("names .node-version's major in every base image, engines and @types/node", () => {
    const majors = {
      ...Object.fromEntries(
        stages.map((s) => [`FROM ${s.image}`, majorOf(s.image, s.image, /^node:(\d+)\./)]),
      ),
      'engines.node': majorOf('engines.node', manifest.engines.node, /^>=\s*(\d+)(?:\.\d+){0,2}$/),
      '@types/node': majorOf('@types/node', manifest.devDependencies['@types/node'], /^[\^~]?(\d+)\./),
    };
    for (const [where, major] of Object.entries(majors)) expect(major, where).toBe(pinned);
  });

  it('is read by the bootstrap, which hard-codes no version of its own', () => {
    const script = readRepoFile('scripts/ensure-node.sh');
    expect(script).toContain('/.node-version');
    expect(script).not.toMatch(/node-[a-z]+-[a-z0-9]+@\d/);
  });
});
