/** Opening a card the way a reader with a mouse does, for the end-to-end tests. */
import { waitFor, type ExtensionBrowser, type TestPage } from './browsers';
import { locateHighlighted } from './page-probes';

/**
 * Hovers the first highlighted `text` and returns the text of the card that opens, once it
 * is the card of `cardName` (the card starts with the entity's name).
 */
export async function hoverText(
  browser: ExtensionBrowser,
  page: TestPage,
  text: string,
  name = 'backstory-person',
  cardName = text,
): Promise<string> {
  // Close any open card first: it may cover the next mention.
  await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
  const point = await waitFor(`"${text}" highlighted`, () => page.evaluate(locateHighlighted, { name, text }));
  await page.mouse.move(point.x, point.y);
  return waitFor(`the card for ${text}`, async () => {
    const card = (await browser.cardText(page))?.replace(/\s+/g, ' ').trim();
    return card && card.startsWith(cardName) ? card : null;
  });
}
