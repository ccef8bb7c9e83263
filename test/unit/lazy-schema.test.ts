import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { lazySchema } from '../../src/dataset/lazy-schema';
import { Settings, repairSettings, DEFAULT_SETTINGS } from '../../src/shared/settings';
import { EntityCard } from '../../src/dataset/cards';

describe('lazySchema', () => {
  it('builds the schema on first use, once, and then parses as the schema does', () => {
    const build = vi.fn(() => z.strictObject({ name: z.string(), age: z.optional(z.int()) }));
    const Person = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(Person.safeParse({ name: 'Ada' }).success).toBe(true);
    expect(Person.safeParse({ name: 'Ada', extra: 1 }).success).toBe(false);
    expect(Person.safeParse({ name: 3 }).success).toBe(false);
    expect(Object.keys(Person.shape)).toEqual(['name', 'age']);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('nests inside other schemas and answers instanceof like the schema it stands for', () => {
    const Inner = lazySchema(() => z.strictObject({ id: z.string() }));
    const Outer = z.strictObject({ inner: Inner, list: z.array(Inner), maybe: z.nullable(Inner) });
    expect(Outer.safeParse({ inner: { id: 'a' }, list: [{ id: 'b' }], maybe: null }).success).toBe(true);
    expect(Outer.safeParse({ inner: { id: 1 }, list: [], maybe: null }).success).toBe(false);
    expect(Inner instanceof z.ZodMiniObject).toBe(true);
  });

  it('is read-only: the schema it stands for cannot be changed through it', () => {
    const Thing = lazySchema(() => z.strictObject({ id: z.string() }));
    expect(() => {
      (Thing as unknown as { safeParse: unknown }).safeParse = () => ({ success: true });
    }).toThrow(TypeError);
    expect(Thing.safeParse({}).success).toBe(false);
  });

  it('keeps the schemas built lazily working: settings repair field by field, cards are checked', () => {
    expect(repairSettings({ ...DEFAULT_SETTINGS, hoverDelayMs: -5 }).repaired).toEqual(['hoverDelayMs']);
    expect(Settings.shape.hoverDelayMs.safeParse(200).success).toBe(true);
    const card = {
      id: 'x',
      category: 'person',
      name: 'X',
      summary: '',
      roles: [{ title: 't', from: '2020', source: 'https://example.org/s' }],
      facts: [],
      related: [],
      sources: [],
      updatedAt: '2025-01-01',
    };
    expect(EntityCard.safeParse(card).success).toBe(true);
    expect(EntityCard.safeParse({ ...card, roles: [{ title: 't' }] }).success).toBe(false);
  });
});
