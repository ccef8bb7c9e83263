/**
 * Coverage of the UN member states (issue 23): every state in the list kept in
 * test/fixtures/coverage/un-member-states.json has its place in the bundled dataset, and its head
 * of state and head of government hold an open-ended role there that names that state (a king of
 * several realms needs a role for each). States whose office-holders could not be confirmed are
 * named in `notYetCovered`, and that list must match the states that really lack a head, so it can
 * only shrink as heads are added.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { foldForComparison } from '../../src/dataset/normalize';
import { aliasText, type Entity } from '../../src/dataset/schema';
import { bundledDataset } from '../support/bundled-dataset';

const ROOT = resolve(import.meta.dirname, '../..');

const Ids = z.array(z.string().min(1)).min(1);
const Coverage = z.strictObject({
  source: z.url(),
  note: z.string().min(1),
  states: z.array(
    z.strictObject({
      name: z.string().min(1),
      place: z.string().min(1),
      headOfState: Ids.optional(),
      headOfGovernment: Ids.optional(),
      /** Words a head's title uses for the state instead of its name ("King of the Belgians"). */
      titleNames: z.array(z.string().min(1)).min(1).optional(),
    }),
  ),
  notYetCovered: z.array(z.string().min(1)),
  /** Why each state in notYetCovered is there: the office-holder the sources could not confirm. */
  notYetCoveredWhy: z.record(z.string(), z.string().min(20)),
  // Read by coverage-predecessors.test.ts.
  equivalentTitles: z.array(z.array(z.string().min(1))),
  predecessorsNotYetCovered: z.array(z.object({ state: z.string(), post: z.string(), reason: z.string() })),
});

const coverage = Coverage.parse(JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/coverage/un-member-states.json'), 'utf8')));
const byId = new Map(bundledDataset().entities.map((e) => [e.id, e]));

/** Whether `name` stands in `text` as whole words, so "Niger" is not found in "President of Nigeria". */
function namesIn(text: string, name: string): boolean {
  const escaped = foldForComparison(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(foldForComparison(text));
}

/** Every way a role may name the state: its listed name, its place entity's name and aliases, and its title words. */
function namesOfState(state: z.infer<typeof Coverage>['states'][number]): string[] {
  const place = byId.get(state.place);
  return [state.name, ...(place ? [place.name, ...place.aliases.map(aliasText)] : []), ...(state.titleNames ?? [])];
}

/** Whether one of the entity's open-ended roles names the state in its title or organization. */
function holdsRoleNaming(entity: Entity, names: readonly string[]): boolean {
  return entity.roles.some(
    (r) => r.to === undefined && names.some((n) => namesIn(r.title, n) || (r.organization !== undefined && namesIn(r.organization, n))),
  );
}

describe('UN member states in the bundled dataset', () => {
  it('lists the 193 member states once each, from a named source', () => {
    expect(coverage.source).toBe('https://www.un.org/en/about-us/member-states');
    const names = coverage.states.map((s) => s.name);
    expect(names).toHaveLength(193);
    expect(new Set(names).size).toBe(193);
  });

  it('holds a place entity for every member state', () => {
    const missing = coverage.states.filter((s) => byId.get(s.place)?.category !== 'place').map((s) => `${s.name}: ${s.place}`);
    expect(missing).toEqual([]);
  });

  it('gives every listed head an open-ended role', () => {
    const wrong = coverage.states.flatMap((s) =>
      [...(s.headOfState ?? []), ...(s.headOfGovernment ?? [])].flatMap((id) => {
        const entity = byId.get(id);
        if (!entity) return [`${s.name}: ${id} is not in the dataset`];
        if (entity.category !== 'person') return [`${s.name}: ${id} is not a person`];
        return entity.roles.some((r) => r.to === undefined) ? [] : [`${s.name}: ${id} holds no current role`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('gives every listed head an open-ended role that names the state it is listed for', () => {
    const wrong = coverage.states.flatMap((s) => {
      const names = namesOfState(s);
      const ids = [...new Set([...(s.headOfState ?? []), ...(s.headOfGovernment ?? [])])];
      return ids.flatMap((id) => {
        const entity = byId.get(id);
        if (!entity || holdsRoleNaming(entity, names)) return [];
        const held = entity.roles.filter((r) => r.to === undefined).map((r) => r.title);
        return [`${s.name}: ${id} (${held.join('; ') || 'no current role'})`];
      });
    });
    expect(wrong).toEqual([]);
  });

  it('names in notYetCovered exactly the states still lacking a head of state or of government', () => {
    const lacking = coverage.states.filter((s) => !s.headOfState || !s.headOfGovernment).map((s) => s.name);
    expect([...coverage.notYetCovered].sort()).toEqual([...lacking].sort());
    console.log(`UN member states covered: ${193 - lacking.length} of 193`);
  });

  it('says why each state not yet covered is not', () => {
    expect(Object.keys(coverage.notYetCoveredWhy).sort()).toEqual([...coverage.notYetCovered].sort());
  });
});
