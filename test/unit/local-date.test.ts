import { afterEach, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/shared/local-date';

const zone = process.env.TZ;

describe("the reader's day", () => {
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is the local calendar day, not UTC’s: just after midnight in Kiribati it is already the 6th', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    const at = new Date('2026-12-05T11:30:00Z');
    expect(at.toISOString().slice(0, 10)).toBe('2026-12-05');
    expect(localIsoDate(at)).toBe('2026-12-06');
  });

  it('is still the 4th late in the evening in Hawaii', () => {
    process.env.TZ = 'Pacific/Honolulu'; // UTC-10
    expect(localIsoDate(new Date('2026-12-05T08:00:00Z'))).toBe('2026-12-04');
  });
});
