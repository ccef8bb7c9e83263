/**
 * The background's side of a maintainer's local dataset file (options page → background):
 * it validates again and replies with a bounded report, installs, and resets.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINI, entity, dataset } from './helpers/mini-dataset';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./helpers/fake-browser')).fakeBrowser }));

const { resetFakeBrowser } = await import('./helpers/fake-browser');
const { installLocalDataset } = await import('../../src/background/local-dataset');
const { LocalDatasetOutcome } = await import('../../src/shared/messages');

beforeEach(() => {
  resetFakeBrowser();
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(MINI)));
});
afterEach(() => vi.unstubAllGlobals());

describe('a local dataset file, in the background', () => {
  it('replies with the first 200 errors and the total, not every error of a file broken everywhere', async () => {
    const broken = dataset(Array.from({ length: 300 }, (_, i) => entity(`person-${i}`, 'person', `Person ${i}`, [], { sources: ['http://insecure.example'] })), 5);
    const outcome = await installLocalDataset(JSON.stringify(broken));
    expect(LocalDatasetOutcome.safeParse(outcome).success).toBe(true);
    expect(outcome).toMatchObject({ kind: 'invalid', total: 300 });
    if (outcome.kind !== 'invalid') throw new Error('expected invalid');
    expect(outcome.errors).toHaveLength(200);
    expect(outcome.errors[0]).toBe('person-0  entities[0].sources[0]  must be an https:// URL');
  });
});
