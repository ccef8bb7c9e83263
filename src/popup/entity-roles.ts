/**
 * Roles for "In this story". The content script's report carries no role yet, so the popup
 * reads the cards of the listed entities from storage (one read, as the content script does)
 * and takes the role held today. The card on the page shows the role on the article's date;
 * when the report starts to carry `role`, that wins (see InThisStory).
 */
import { roleOn } from '../dataset/cards';
import { readCards } from '../shared/dataset-storage';

export async function readEntityRoles(datasetVersion: number, ids: readonly string[], today: string): Promise<Map<string, string>> {
  const cards = await readCards(datasetVersion, ids);
  const roles = new Map<string, string>();
  for (const [id, card] of cards) {
    const held = roleOn(card.roles, today);
    if (held?.current) roles.set(id, held.role.title);
  }
  return roles;
}
