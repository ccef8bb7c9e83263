/** expectNever (test/support/expect-never.ts), which the e2e tests use to prove a card or a highlight never appears. */
import { describe, expect, it } from 'vitest';
import { expectNever } from '../support/expect-never';

describe('expectNever', () => {
  it('resolves once the check has stayed false for the whole time, asking again at the end', async () => {
    const started = Date.now();
    const asked: number[] = [];
    await expectNever(() => {
      asked.push(Date.now() - started);
      return false;
    }, 200);
    expect(asked.length).toBeGreaterThan(2);
    expect(asked.at(-1)).toBeGreaterThanOrEqual(200);
  });

  it('fails as soon as the check turns true, not at the end of the time', async () => {
    const started = Date.now();
    await expect(expectNever(() => Date.now() - started > 60, 5_000, 'the card')).rejects.toThrow(
      /^the card happened \d+ ms in; it must not within 5000 ms$/,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails when the check cannot be read', async () => {
    await expect(expectNever(() => Promise.reject(new Error('the page went away')), 200)).rejects.toThrow('the page went away');
  });
});
