/**
 * Durability: a span whose addSpan call returned must survive the process being killed at any
 * moment (SIGKILL: no exit handlers, no close, possibly mid-transaction), and the project file
 * must still be intact. The writer runs in a child process so that it can be killed for real.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { fixtureBundle } from '../testBundles';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// tests/integration/fixtures/span-writer.ts, bundled (tests/testBundles.ts).
const WRITER = fixtureBundle('span-writer');
const ACKS_BEFORE_KILL = 200;

interface Ack {
  id: number;
  start: number;
  end: number;
  label: string;
}

/** Runs the writer until it has acknowledged at least `acks` spans, then SIGKILLs it. */
function writeUntilKilled(path: string, documentId: number, acks: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, String(documentId), 'writer'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer too slow: ${out.split('\n').length - 1} acks in 15 s\n${err}`));
    }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!killed && out.split('\n').length - 1 >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited by itself (code ${code}, signal ${signal})\n${err}`));
        return;
      }
      // Only complete lines are acknowledgements; a cut-off last line is not.
      const lines = out.split('\n').slice(0, -1);
      resolve(
        lines.map((line) => {
          const [id, start, end, label] = line.split(' ');
          return { id: Number(id), start: Number(start), end: Number(end), label: label! };
        }),
      );
    });
  });
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-crash-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a killed writer', () => {
  it('loses no acknowledged span and leaves an intact project, crash after crash', async () => {
    const path = join(dir, 'crash.marginalia');
    const text = 'Officials said 12 people died in Kabul on Tuesday, police reported.';
    const setup = ProjectStore.create(path, 'crash', DEFAULT_SCHEMA);
    const documentId = setup.insertDocuments(
      [
        {
          externalId: 'kabul',
          title: 'Kabul',
          text,
          sha256: createHash('sha256').update(text).digest('hex'),
          source: {},
          newlinePolicy: 'none',
        },
      ],
      null,
    ).inserted[0]!.id;
    setup.close();

    const acknowledged: Ack[] = [];
    // The second round starts from a project the first one left after a kill (WAL recovery).
    for (let round = 1; round <= 2; round++) {
      const acks = await writeUntilKilled(path, documentId, ACKS_BEFORE_KILL);
      expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      acknowledged.push(...acks);

      const store = ProjectStore.open(path);
      try {
        expect(store.integrityCheck()).toBe('ok');
        const stored = new Map(store.spansOf(documentId).map((s) => [s.id, s]));
        const lost = acknowledged.filter((ack) => !stored.has(ack.id));
        expect(lost, `round ${round}: acknowledged spans missing after the kill`).toEqual([]);
        for (const ack of acknowledged) {
          expect(stored.get(ack.id)).toMatchObject({ start: ack.start, end: ack.end, label: ack.label });
        }
        // At most the one span in flight when the process died may exist without an ack.
        expect(stored.size - acknowledged.length).toBeGreaterThanOrEqual(0);
        expect(stored.size - acknowledged.length).toBeLessThanOrEqual(round);
        // Each span and its event row were committed together.
        const adds = store.eventsOf(documentId).filter((e) => e.op === 'add');
        expect(adds.map((e) => e.entityId).sort((a, b) => a! - b!)).toEqual(
          [...stored.keys()].sort((a, b) => a - b),
        );
      } finally {
        store.close();
      }
    }
  }, 40_000);
});
