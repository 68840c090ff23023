import { describe, expect, it } from 'vitest';

import { MAX_LISTED_SKIPS, SkipLog } from '../../../../src-main/domain/data/import-report';

describe('SkipLog', () => {
  it('does nothing without skipped rows', () => {
    expect(() => new SkipLog('/data/a.csv').refuseIfAny()).not.toThrow();
  });

  it('refuses with the file, the count and the first lines, and lists a bounded number of rows', () => {
    const log = new SkipLog('/data/a.csv');
    for (let line = 2; line < MAX_LISTED_SKIPS + 12; line++) log.add(line, 'bad cell');
    expect(log.count).toBe(MAX_LISTED_SKIPS + 10);
    expect(log.rows).toHaveLength(MAX_LISTED_SKIPS);
    expect(() => log.refuseIfAny()).toThrow(
      /^'\/data\/a\.csv' has 1010 unusable rows \(line 2: bad cell; line 3: bad cell; line 4: bad cell; line 5: bad cell; line 6: bad cell\)\. Nothing was imported/,
    );
  });
});
