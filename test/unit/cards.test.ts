import { describe, expect, it } from 'vitest';
import { buildCards, EntityCard, roleOn } from '../../src/dataset/cards';
import type { Role } from '../../src/dataset/schema';
import { dataset, entity } from '../support/mini-dataset';

const S = 'https://example.org/source';
const umerov: Role[] = [
  { title: 'Secretary of the National Security and Defense Council', from: '2025-07-17', source: S },
  { title: 'Minister of Defence', from: '2023-09-06', to: '2025-07-17', source: S },
];
const yermak: Role[] = [
  { title: 'Head of the Office of the President', from: '2020-02-11', to: '2025-11-28', endReason: 'resigned', source: S },
];

describe('roleOn', () => {
  it('gives the role held on the article’s date', () => {
    expect(roleOn(umerov, '2025-06-01')?.role.title).toBe('Minister of Defence');
    expect(roleOn(umerov, '2025-11-30')?.role.title).toBe('Secretary of the National Security and Defense Council');
  });

  it('counts the last day of a role as held', () => {
    expect(roleOn(yermak, '2025-11-28')).toMatchObject({ current: true });
  });

  it('reports a role that had ended as former', () => {
    expect(roleOn(yermak, '2025-12-05')).toMatchObject({ current: false, role: { endReason: 'resigned' } });
  });

  it('has nothing to say before the first role began', () => {
    expect(roleOn(yermak, '2019-01-01')).toBeNull();
  });
});

describe('buildCards', () => {
  it('carries the review date to the card, and stored cards with or without one are read back', () => {
    const [reviewed, unreviewed] = buildCards(
      dataset([entity('mark-rutte', 'person', 'Mark Rutte', [], { reviewedAt: '2026-12-05' }), entity('jd-vance', 'person', 'JD Vance')]),
    );
    expect(reviewed?.reviewedAt).toBe('2026-12-05');
    expect(unreviewed).not.toHaveProperty('reviewedAt');
    expect(EntityCard.safeParse(reviewed).success).toBe(true);
    expect(EntityCard.safeParse(unreviewed).success).toBe(true);
  });
});
