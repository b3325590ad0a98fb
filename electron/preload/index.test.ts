/**
 * The preload against a stand-in `electron`: the page gets one object with exactly the API's methods
 * and a menu listener, each method one invoke on the API channel — nothing else of ipcRenderer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, IPC_API_CHANNEL, IPC_MENU_CHANNEL } from '../contract/methods';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Listener[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => fake.exposed.set(name, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve({ ok: true, result: null });
    },
    on: (channel: string, listener: Listener) =>
      fake.listeners.set(channel, [...(fake.listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: Listener) =>
      fake.listeners.set(
        channel,
        (fake.listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  },
}));

interface Bridge {
  methods: Record<string, (args: unknown) => Promise<unknown>>;
  onMenu(listener: (command: unknown) => void): () => void;
}

beforeEach(async () => {
  fake.exposed.clear();
  fake.invoked.length = 0;
  fake.listeners.clear();
  vi.resetModules();
  await import('./index');
});

const bridge = () => fake.exposed.get('marginalia') as Bridge;

describe('the preload bridge', () => {
  it('exposes one object holding exactly the API methods and the menu listener', () => {
    expect([...fake.exposed.keys()]).toEqual(['marginalia']);
    expect(Object.keys(bridge()).sort()).toEqual(['methods', 'onMenu']);
    expect(Object.keys(bridge().methods)).toEqual([...API_METHODS]);
  });

  it('sends each method as one invoke on the API channel, arguments as given', async () => {
    await bridge().methods.openProject!({ recent: 'handle-1' });
    expect(fake.invoked).toEqual([[IPC_API_CHANNEL, 'openProject', { recent: 'handle-1' }]]);
  });

  it('passes menu commands to the page without the IPC event, and stops when unsubscribed', () => {
    const received: unknown[] = [];
    const stop = bridge().onMenu((command) => received.push(command));
    const sender = { sender: 'the IPC event must not reach the page' };
    for (const listener of fake.listeners.get(IPC_MENU_CHANNEL) ?? [])
      listener(sender, { command: 'import' });
    expect(received).toEqual([{ command: 'import' }]);
    stop();
    expect(fake.listeners.get(IPC_MENU_CHANNEL)).toEqual([]);
  });
});
