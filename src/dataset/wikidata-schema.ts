/**
 * The parts of Wikidata's entity JSON that the import reads, as zod schemas. The format is the
 * one documented as "Wikibase JSON format" (https://doc.wikimedia.org/Wikibase/master/php/docs_topics_json.html):
 * the same objects appear one per line in the JSON dumps and under `entities` in a
 * `wbgetentities` or Special:EntityData response.
 *
 * Only what the import uses is checked; everything else is let through untouched, so a new
 * field in Wikidata's output does not break the import. Statements are parsed property by
 * property, and only for the properties the import maps.
 */
import { z } from 'zod';

/**
 * The dumps write an empty map as `[]` (PHP's empty array), so `labels: []` means "no labels".
 * Read both forms as a map.
 */
function mapOrEmptyList<T extends z.ZodType>(value: T) {
  return z.preprocess((input) => (Array.isArray(input) && input.length === 0 ? {} : input), z.record(z.string(), value));
}

const Term = z.object({ language: z.string(), value: z.string() });

export const WikidataSnak = z.object({
  snaktype: z.enum(['value', 'somevalue', 'novalue']),
  property: z.string().regex(/^P\d+$/, 'must be a property id like "P39"'),
  datavalue: z.object({ type: z.string().optional(), value: z.unknown() }).optional(),
});
export type WikidataSnak = z.infer<typeof WikidataSnak>;

export const WikidataStatement = z.object({
  mainsnak: WikidataSnak,
  rank: z.enum(['preferred', 'normal', 'deprecated']).optional(),
  qualifiers: mapOrEmptyList(z.array(WikidataSnak)).optional(),
  references: z.array(z.object({ snaks: mapOrEmptyList(z.array(WikidataSnak)) })).optional(),
});
export type WikidataStatement = z.infer<typeof WikidataStatement>;

/** Item and property ids: "Q42", "P39". Lexemes and media info are passed over. */
export const WikidataId = z.string().regex(/^[QP][1-9]\d*$/, 'must be an item id like "Q42"');

export const WikidataEntity = z.object({
  id: z.string().min(1).max(64),
  type: z.string(),
  labels: mapOrEmptyList(Term).default({}),
  descriptions: mapOrEmptyList(Term).default({}),
  aliases: mapOrEmptyList(z.array(Term)).default({}),
  /** Statements stay unparsed here: each property the import maps is parsed on its own. */
  claims: mapOrEmptyList(z.array(z.unknown())).default({}),
  sitelinks: mapOrEmptyList(z.object({ site: z.string(), title: z.string(), url: z.string().optional() })).default({}),
});
export type WikidataEntity = z.infer<typeof WikidataEntity>;

/** What `wbgetentities` and Special:EntityData return: entities keyed by id. */
export const WikidataResponse = z.object({ entities: z.record(z.string(), z.unknown()) });

const EntityIdValue = z.object({ id: z.string().optional(), 'numeric-id': z.number().int().positive().optional() });
const TimeValue = z.object({ time: z.string(), precision: z.number().int(), calendarmodel: z.string().optional() });

/** The item a snak points at ("Q30185"), or null for no value or a value of another type. */
export function snakItemId(snak: WikidataSnak): string | null {
  if (snak.snaktype !== 'value' || !snak.datavalue) return null;
  const value = EntityIdValue.safeParse(snak.datavalue.value);
  if (!value.success) return null;
  const id = value.data.id ?? (value.data['numeric-id'] === undefined ? undefined : `Q${value.data['numeric-id']}`);
  return id !== undefined && WikidataId.safeParse(id).success ? id : null;
}

export function snakString(snak: WikidataSnak): string | null {
  if (snak.snaktype !== 'value' || !snak.datavalue) return null;
  return typeof snak.datavalue.value === 'string' ? snak.datavalue.value : null;
}

const GREGORIAN = 'http://www.wikidata.org/entity/Q1985727';
const DAY_PRECISION = 11;
const MONTH_PRECISION = 10;
const YEAR_PRECISION = 9;

/**
 * A time snak as an ISO date at the precision Wikidata records: "+1977-00-00T00:00:00Z" at year
 * precision is "1977". Null for dates the dataset cannot hold: before year 1000, BCE, coarser
 * than a year, or in the Julian calendar (its day would be shown as if it were Gregorian).
 */
export function snakIsoDate(snak: WikidataSnak): string | null {
  if (snak.snaktype !== 'value' || !snak.datavalue) return null;
  const value = TimeValue.safeParse(snak.datavalue.value);
  if (!value.success) return null;
  if (value.data.calendarmodel !== undefined && value.data.calendarmodel !== GREGORIAN) return null;
  const parts = /^\+0*(\d{4})-(\d{2})-(\d{2})T/.exec(value.data.time);
  if (!parts) return null;
  const [, year = '', month = '00', day = '00'] = parts;
  const precision = value.data.precision;
  if (precision >= DAY_PRECISION && month !== '00' && day !== '00') return `${year}-${month}-${day}`;
  if (precision >= MONTH_PRECISION && month !== '00') return `${year}-${month}`;
  if (precision >= YEAR_PRECISION) return year;
  return null;
}
