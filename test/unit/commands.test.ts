import { describe, expect, it, vi } from 'vitest';

const browser: { commands?: { onCommand: { addListener: (fn: (command: string) => void) => void } } } = {};
vi.mock('webextension-polyfill', () => ({ default: browser }));

const { listenForShortcut } = await import('../../src/background/commands');

describe('the keyboard shortcut', () => {
  it('is skipped quietly where the browser has no commands API (Firefox for Android), so the background goes on starting', () => {
    delete browser.commands;
    expect(() => listenForShortcut()).not.toThrow();
  });

  it('is listened for where the browser has one', () => {
    const listeners: ((command: string) => void)[] = [];
    browser.commands = { onCommand: { addListener: (fn) => listeners.push(fn) } };
    listenForShortcut();
    expect(listeners).toHaveLength(1);
  });
});
