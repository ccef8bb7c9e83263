/**
 * Every person in the bundled dataset carries their name in their own language and script, as
 * an alias with its language (`{ "text": …, "lang": … }`), or is listed in
 * test/fixtures/coverage/english-named.json as someone whose own language is English. A new
 * person without either fails here, so the list can only be kept by deciding, person by person.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bundledDataset } from '../support/bundled-dataset';

const ROOT = resolve(import.meta.dirname, '../..');
const EnglishNamed = z.strictObject({ note: z.string().min(1), ids: z.array(z.string().min(1)) });
const english = EnglishNamed.parse(JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/coverage/english-named.json'), 'utf8')));
const people = bundledDataset().entities.filter((e) => e.category === 'person');
const hasOwnLanguage = (aliases: (typeof people)[number]['aliases']): boolean =>
  aliases.some((a) => typeof a !== 'string' && a.lang !== undefined);

describe('names in their own language', () => {
  it('gives every person their name in their own language, unless that language is English', () => {
    const listed = new Set(english.ids);
    const missing = people.filter((p) => !hasOwnLanguage(p.aliases) && !listed.has(p.id)).map((p) => p.id);
    expect(missing).toEqual([]);
    console.log(`people: ${people.length}; with a name in their own language: ${people.filter((p) => hasOwnLanguage(p.aliases)).length}`);
  });

  it('lists as English-named only people in the dataset who have no other-language name', () => {
    const byId = new Map(people.map((p) => [p.id, p]));
    const wrong = english.ids.filter((id) => {
      const person = byId.get(id);
      return !person || hasOwnLanguage(person.aliases);
    });
    expect(wrong).toEqual([]);
    expect(new Set(english.ids).size).toBe(english.ids.length);
  });
});
