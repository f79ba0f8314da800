/** COPY's text format as the COPY path writes it (db/copy-upsert.ts): values and escapes. */
import { describe, expect, it } from 'vitest';
import { copyChunks, copyValue } from '../../../db/copy-upsert.js';

describe('copyValue', () => {
  it('writes NULL as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('Émile "Quote" 🏀')).toBe('Émile "Quote" 🏀');
  });

  it('prints numbers and booleans as the JSON batches do', () => {
    for (const value of [0.4711111111111111, -7.4, 1e21, 0, 240, true, false]) {
      expect(copyValue(value)).toBe(JSON.stringify(value));
    }
  });
});

describe('copyChunks', () => {
  it('writes rows[from, to) as tab-separated lines in the columns given', () => {
    const rows = [
      { a: 1, b: 'x' },
      { a: 2, b: null },
      { a: 3, b: 'z\t' },
    ];
    expect([...copyChunks(rows, ['b', 'a'], 1, 3)].join('')).toBe('\\N\t2\nz\\t\t3\n');
    expect([...copyChunks(rows, ['a'])].join('')).toBe('1\n2\n3\n');
    expect([...copyChunks([], ['a'])]).toEqual([]);
  });
});
