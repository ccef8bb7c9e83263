/**
 * Capitals of the UN member states: test/fixtures/coverage/capitals.json names, for each state in
 * un-member-states.json, its capital's place entity or the reason it has none yet. A capital
 * counts only when the state's own place entity lists it among its related entities, so a card
 * for the state leads to its capital.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bundledDataset } from '../support/bundled-dataset';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string): unknown => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8'));

const Capitals = z.strictObject({
  source: z.url(),
  note: z.string().min(1),
  capitals: z.array(z.strictObject({ state: z.string().min(1), capital: z.string().min(1) })),
  notYetCovered: z.array(z.strictObject({ state: z.string().min(1), capital: z.string().min(1), reason: z.string().min(1) })),
});
const States = z.object({ states: z.array(z.object({ name: z.string().min(1), place: z.string().min(1) })) });

const capitals = Capitals.parse(read('test/fixtures/coverage/capitals.json'));
const states = States.parse(read('test/fixtures/coverage/un-member-states.json')).states;
const byId = new Map(bundledDataset().entities.map((e) => [e.id, e]));

describe('capitals of the UN member states', () => {
  it('takes its capitals from a named list', () => {
    expect(capitals.source).toBe('https://www.cia.gov/the-world-factbook/field/capital/');
  });

  it('names every member state exactly once, with a capital or a reason', () => {
    const named = [...capitals.capitals, ...capitals.notYetCovered].map((c) => c.state);
    expect([...named].sort()).toEqual(states.map((s) => s.name).sort());
  });

  it('holds a place entity for every listed capital', () => {
    const wrong = capitals.capitals.filter((c) => byId.get(c.capital)?.category !== 'place').map((c) => `${c.state}: ${c.capital}`);
    expect(wrong).toEqual([]);
  });

  it("lists each capital among its state's related entities", () => {
    const placeOf = new Map(states.map((s) => [s.name, s.place]));
    const unlinked = capitals.capitals
      .filter((c) => !byId.get(placeOf.get(c.state) ?? '')?.related.includes(c.capital))
      .map((c) => `${c.state}: ${c.capital}`);
    expect(unlinked).toEqual([]);
    console.log(`capitals covered: ${capitals.capitals.length} of ${states.length}`);
  });
});
