/**
 * Rows that come twice. stats.nba.com (and the dumps made from it) sometimes repeat a row: exact
 * repeats collapse; repeats that differ are an invalid response, since no rule says which is right.
 */

/** Adds `next` under `key` unless an equal record is there (false: already seen). Throws on a differing repeat. */
export function addUnlessRepeated<T extends object>(
  records: Map<string, T>,
  key: string,
  next: T,
  where: string,
  fail: (problem: string) => Error,
): boolean {
  const seen = records.get(key);
  if (!seen) {
    records.set(key, next);
    return true;
  }
  const differing = (Object.keys(next) as (keyof T & string)[]).filter(
    (field) => seen[field] !== next[field],
  );
  if (differing.length > 0) throw fail(`${where} appears twice with different ${differing.join(', ')}`);
  return false;
}

/** Plain code-unit order for ids like '0022300061'. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
