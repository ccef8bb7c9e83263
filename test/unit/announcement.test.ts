import { describe, expect, it } from 'vitest';
import { describeForAnnouncement, roleLabel } from '../../src/content/announcement';
import type { EntityCard } from '../../src/dataset/cards';

const card = {
  id: 'rustem-umerov',
  name: 'Rustem Umerov',
  roles: [
    { title: 'Minister of Defence', from: '2023-09-06', to: '2025-07-17', source: 'https://example.org/a' },
    { title: 'Secretary of the National Security and Defense Council', from: '2025-07-17', source: 'https://example.org/b' },
  ],
} as unknown as EntityCard;

/** The Ukrainian interface's wording of a role that has ended. */
const ukrainian = (key: string, substitutions?: string | string[]): string =>
  key === 'card_former' ? `Колишній: ${String(substitutions)}` : key;

describe('the announcement of a card', () => {
  it('reads the role held on the article’s date', () => {
    expect(describeForAnnouncement(card, '2025-11-30', ukrainian)).toBe(
      'Rustem Umerov, Secretary of the National Security and Defense Council',
    );
  });

  it('marks a role that had ended by the article’s date in the reader’s language, with no English left in it', () => {
    const retired = { ...card, roles: card.roles.slice(0, 1) } as EntityCard;
    const text = describeForAnnouncement(retired, '2025-11-30', ukrainian);
    expect(text).toBe('Rustem Umerov, Колишній: Minister of Defence');
    expect(text).not.toMatch(/former/i);
    expect(roleLabel(retired, '2025-11-30', ukrainian)).toBe('Колишній: Minister of Defence');
  });
});
