import { describe, expect, it } from 'vitest';
import { snakIsoDate } from '../../src/dataset/wikidata-schema';

const GREGORIAN = 'http://www.wikidata.org/entity/Q1985727';
const JULIAN = 'http://www.wikidata.org/entity/Q1985786';

function time(value: string, precision: number, calendarmodel = GREGORIAN): Parameters<typeof snakIsoDate>[0] {
  return {
    snaktype: 'value',
    property: 'P580',
    datavalue: { type: 'time', value: { time: value, timezone: 0, before: 0, after: 0, precision, calendarmodel } },
  };
}

describe('Wikidata dates as dataset dates', () => {
  it('keeps the precision Wikidata records: day, month or year', () => {
    expect(snakIsoDate(time('+2019-05-20T00:00:00Z', 11))).toBe('2019-05-20');
    expect(snakIsoDate(time('+2019-05-00T00:00:00Z', 10))).toBe('2019-05');
    expect(snakIsoDate(time('+1977-00-00T00:00:00Z', 9))).toBe('1977');
    // Day precision with an unknown day is read as the month.
    expect(snakIsoDate(time('+2019-05-00T00:00:00Z', 11))).toBe('2019-05');
  });

  it('leaves out dates a card cannot show truthfully', () => {
    expect(snakIsoDate(time('+1900-00-00T00:00:00Z', 7))).toBeNull(); // a century
    expect(snakIsoDate(time('+1700-03-01T00:00:00Z', 11, JULIAN))).toBeNull();
    expect(snakIsoDate(time('-0044-03-15T00:00:00Z', 11))).toBeNull();
    expect(snakIsoDate({ snaktype: 'somevalue', property: 'P582' })).toBeNull(); // "unknown value"
  });
});
