/**
 * The coverage list (test/fixtures/coverage/organisations.json) names posts whose holder the
 * bundled dataset must know: the heads of major international organisations, the EU's top posts
 * and the ministers checked so far, plus the ministries those ministers head and the parliaments
 * of the same states. A card for the holder must show that post as held on the list's date, so a
 * stale or renamed role fails here rather than on a reader's screen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bundledDataset } from '../support/bundled-dataset';
import { roleOn } from '../../src/dataset/cards';

const ROOT = resolve(import.meta.dirname, '../..');

const PORTFOLIOS = ['foreign', 'defence', 'finance'] as const;

/** The 19 G20 member states (the EU and the African Union have no such ministers), then Ukraine. */
const MINISTER_STATES = [
  'argentina',
  'australia',
  'brazil',
  'canada',
  'china',
  'france',
  'germany',
  'india',
  'indonesia',
  'italy',
  'japan',
  'mexico',
  'russia',
  'saudi-arabia',
  'south-africa',
  'south-korea',
  'turkey',
  'united-kingdom',
  'united-states',
  'ukraine',
];

const CoverageList = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  listSources: z.record(z.string(), z.string().min(1)),
  posts: z
    .array(
      z.object({
        group: z.enum(['eu', 'organisation', 'minister']),
        post: z.string().min(1),
        holder: z.string().min(1),
        organisation: z.string().min(1).optional(),
        country: z.string().min(1).optional(),
        portfolio: z.enum(PORTFOLIOS).optional(),
      }),
    )
    .min(1),
  ministersNotYetCovered: z.array(
    z.object({
      country: z.string().min(1),
      portfolio: z.enum(PORTFOLIOS),
      /** The ministry's entity: it exists even while its minister is unconfirmed. */
      organisation: z.string().min(1),
      reason: z.string().min(1),
    }),
  ),
  /** Each state's national parliament and the chambers news names, as entity ids. */
  parliaments: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});

const list = CoverageList.parse(JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/coverage/organisations.json'), 'utf8')));
const byId = new Map(bundledDataset().entities.map((e) => [e.id, e]));

describe('the coverage list of organisations, EU posts and ministers', () => {
  it('names its sources for each group it lists', () => {
    const groups = new Set(list.posts.map((p) => (p.group === 'minister' ? 'ministers' : p.group === 'eu' ? 'eu' : 'organisations')));
    for (const group of groups) expect(list.listSources[group], group).toBeTruthy();
  });

  it('covers at least 30 international organisations and all four EU top posts', () => {
    const organisations = new Set(list.posts.filter((p) => p.group === 'organisation').map((p) => p.organisation));
    expect(organisations.size).toBeGreaterThanOrEqual(30);
    expect(list.posts.filter((p) => p.group === 'eu').map((p) => p.post)).toEqual([
      'President of the European Commission',
      'President of the European Council',
      'President of the European Parliament',
      'High Representative of the Union for Foreign Affairs and Security Policy',
    ]);
  });

  it('finds each organisation as an organisation entity', () => {
    const missing = list.posts
      .filter((p) => p.organisation !== undefined && byId.get(p.organisation)?.category !== 'organization')
      .map((p) => p.organisation);
    expect(missing).toEqual([]);
  });

  it('accounts for every foreign, defence and finance minister of the G20 states and Ukraine exactly once', () => {
    const ministers = list.posts.filter((p) => p.group === 'minister');
    const withoutPair = ministers.filter((p) => p.country === undefined || p.portfolio === undefined).map((p) => p.post);
    expect(withoutPair).toEqual([]);
    const named = [...ministers, ...list.ministersNotYetCovered].map((p) => `${p.country ?? '?'} ${p.portfolio ?? '?'}`).sort();
    const expected = MINISTER_STATES.flatMap((c) => PORTFOLIOS.map((p) => `${c} ${p}`)).sort();
    expect(named).toEqual(expected);
  });

  it('names the ministry of every foreign, defence and finance post, once each, as an organisation entity', () => {
    const ministers = [...list.posts.filter((p) => p.group === 'minister'), ...list.ministersNotYetCovered];
    const wrong = ministers
      .filter((p) => p.organisation === undefined || byId.get(p.organisation)?.category !== 'organization')
      .map((p) => `${p.country ?? '?'} ${p.portfolio ?? '?'}: ${p.organisation ?? 'no organisation'}`);
    expect(wrong).toEqual([]);
    expect(new Set(ministers.map((p) => p.organisation)).size).toBe(MINISTER_STATES.length * PORTFOLIOS.length);
  });

  it('names the ministry on the card of each minister, as the organisation of the current role', () => {
    const wrong = list.posts
      .filter((p) => p.group === 'minister')
      .flatMap((p) => {
        const ministry = p.organisation === undefined ? undefined : byId.get(p.organisation);
        const held = byId.get(p.holder) ? roleOn(byId.get(p.holder)?.roles ?? [], list.asOf) : undefined;
        const shown = held?.role.organization ?? 'no organisation';
        return ministry !== undefined && shown === ministry.name
          ? []
          : [`${p.holder}: shows ${shown}, expected ${ministry?.name ?? p.organisation ?? '?'}`];
      });
    expect(wrong).toEqual([]);
  });

  it('finds the parliament of every G20 state and Ukraine, and each listed chamber, as an organisation entity', () => {
    expect(Object.keys(list.parliaments).sort()).toEqual([...MINISTER_STATES].sort());
    expect(list.listSources.parliaments).toBeTruthy();
    const missing = Object.entries(list.parliaments).flatMap(([country, ids]) =>
      ids.filter((id) => byId.get(id)?.category !== 'organization').map((id) => `${country}: ${id}`),
    );
    expect(missing).toEqual([]);
  });

  it('names each minister’s state as a place entity', () => {
    const notPlaces = MINISTER_STATES.filter((c) => byId.get(c)?.category !== 'place');
    expect(notPlaces).toEqual([]);
  });

  it('shows each post as the role its holder holds on the list date, with no end date', () => {
    const wrong = list.posts.flatMap((p) => {
      const holder = byId.get(p.holder);
      const held = holder ? roleOn(holder.roles, list.asOf) : undefined;
      const ok = held?.current === true && held.role.title === p.post && held.role.to === undefined;
      const shown = held ? `${held.role.title}${held.current ? '' : ' (ended)'}` : 'no role';
      return ok ? [] : [`${p.holder}: shows ${shown}, expected ${p.post}`];
    });
    expect(wrong).toEqual([]);
  });
});
