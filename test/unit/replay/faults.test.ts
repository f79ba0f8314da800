import { describe, expect, it } from 'vitest';
import { FaultBook, parseFaultSpec } from '../../../replay/faults.js';

/** Answers `count` requests `gapMs` apart from `start`, as the server does for each one it serves. */
function answerEvery(book: FaultBook, start: number, gapMs: number, count: number): number {
  let t = start;
  for (let i = 0; i < count; i += 1, t += gapMs) {
    if (book.cutoffAt(t)) return t;
    book.answered(t);
  }
  return t;
}

describe('budget fault: a sliding-window pace limit', () => {
  it('parses its spec and keeps its defaults apart from cutoff', () => {
    expect(parseFaultSpec('budget?requests=20&window=10&cutoff=30&mode=403')).toEqual({
      kind: 'budget',
      requests: 20,
      window: 10,
      cutoff: 30,
      mode: 403,
    });
    expect(() => parseFaultSpec('budget?requests=0')).toThrow(/requests/);
  });

  it('never cuts off a client at the sustainable pace (N answers per window)', () => {
    const book = new FaultBook([parseFaultSpec('budget?requests=20&window=10&cutoff=30')]);
    // 2 answers a second for 60 s: every 10 s window holds exactly 20.
    answerEvery(book, 0, 500, 120);
    expect(book.cutoffAt(60_000)).toBeUndefined();
  });

  it('cuts the address off for `cutoff` seconds once a window holds more than N answers', () => {
    const book = new FaultBook([parseFaultSpec('budget?requests=20&window=10&cutoff=30')]);
    // 4 a second: the 21st answer (at 5 s) trips it.
    const trippedAt = answerEvery(book, 0, 250, 100);
    expect(trippedAt).toBe(21 * 250);
    expect(book.cutoffAt(20 * 250 + 29_999)).toMatchObject({ ordinal: 1, mode: 'hang' });
    expect(book.cutoffAt(20 * 250 + 30_000)).toBeUndefined();
  });

  it('starts counting afresh after a cutoff', () => {
    const book = new FaultBook([parseFaultSpec('budget?requests=3&window=10&cutoff=5&mode=429')]);
    answerEvery(book, 0, 100, 4); // the 4th answer trips it at 300 ms
    expect(book.cutoffAt(400)).toMatchObject({ ordinal: 1, mode: 429 });
    const resumed = 300 + 5_000;
    expect(answerEvery(book, resumed, 100, 3)).toBe(resumed + 300); // 3 answers: still serving
    expect(book.cutoffAt(resumed + 300)).toBeUndefined();
    book.answered(resumed + 300);
    expect(book.cutoffAt(resumed + 301)).toMatchObject({ ordinal: 2 });
  });
});

describe('cutoff fault', () => {
  it('still cuts off after every `every` answers, for `seconds`', () => {
    const book = new FaultBook([parseFaultSpec('cutoff?every=3&seconds=2')]);
    answerEvery(book, 0, 10, 3);
    expect(book.cutoffAt(21)).toMatchObject({ ordinal: 1 });
    expect(book.cutoffAt(20 + 2_000)).toBeUndefined();
  });
});
