import { describe, expect, it } from 'vitest';
import {
  activeSeconds,
  annotatorProgress,
  durationText,
  extendSessions,
  IDLE_GAP_SECONDS,
  MIN_SESSION_SECONDS,
  sessionsOf,
} from './progress';

/** A hand-made event log: minutes:seconds after 09:00 → seconds. */
const at = (...times: string[]) =>
  times.map((t) => {
    const [m, s] = t.split(':').map(Number);
    return 9 * 3600 + m! * 60 + s!;
  });

describe('active time from the event log', () => {
  it('counts a morning of tagging with one coffee break as two sessions, first to last event', () => {
    // 09:00–09:12 tagging every few minutes, a 20-minute break, then 09:32–09:40.
    const log = at('0:00', '3:10', '7:40', '12:00', '32:00', '35:00', '40:00');
    expect(sessionsOf(log)).toEqual([
      { first: log[0], last: log[3] },
      { first: log[4], last: log[6] },
    ]);
    expect(activeSeconds(sessionsOf(log))).toBe(12 * 60 + 8 * 60);
  });

  it('joins events exactly five minutes apart and splits them one second later', () => {
    expect(IDLE_GAP_SECONDS).toBe(300);
    expect(activeSeconds(sessionsOf(at('0:00', '5:00')))).toBe(300);
    expect(sessionsOf(at('0:00', '5:01'))).toHaveLength(2);
    expect(activeSeconds(sessionsOf(at('0:00', '5:01')))).toBe(2 * MIN_SESSION_SECONDS);
  });

  it('gives a lone event, and a burst of events in one second (one action), 30 seconds', () => {
    expect(activeSeconds(sessionsOf(at('10:00')))).toBe(30);
    expect(activeSeconds(sessionsOf(at('10:00', '10:00', '10:00')))).toBe(30);
    expect(activeSeconds(sessionsOf(at('10:00', '10:10')))).toBe(30);
    expect(activeSeconds(sessionsOf(at('10:00', '10:45')))).toBe(45);
  });

  it('reads events in any order, and nothing as no time', () => {
    expect(sessionsOf(at('12:00', '0:00', '7:40', '3:10'))).toEqual(
      sessionsOf(at('0:00', '3:10', '7:40', '12:00')),
    );
    expect(activeSeconds(sessionsOf([]))).toBe(0);
  });

  it('adds later events to sessions as splitting the whole log would, and gives up on an earlier one', () => {
    const log = at('0:00', '3:10', '7:40', '12:00', '32:00', '35:00', '40:00', '44:00', '50:00');
    for (let cut = 0; cut <= log.length; cut++)
      expect(extendSessions(sessionsOf(log.slice(0, cut)), log.slice(cut))).toEqual(sessionsOf(log));
    expect(extendSessions(sessionsOf(at('10:00', '12:00')), at('11:00'))).toBeNull();
  });

  it('writes durations as a table shows them', () => {
    expect([40, 90, 720, 3900].map(durationText)).toEqual(['40 s', '2 min', '12 min', '1 h 05 min']);
  });
});

describe('annotator rows', () => {
  it('counts todo as neither started nor done, spans per label in schema order, and time from sessions', () => {
    const rows = annotatorProgress(
      [
        {
          id: 'u1',
          name: 'ann1',
          role: 'annotator',
          documents: 5,
          inProgress: 2,
          done: 1,
          lastActivity: 'T',
        },
        {
          id: 'u2',
          name: 'ann2',
          role: 'annotator',
          documents: 3,
          inProgress: 0,
          done: 0,
          lastActivity: null,
        },
      ],
      new Map([
        [
          'u1',
          new Map([
            ['Hedge', 2],
            ['Claim', 3],
          ]),
        ],
      ]),
      new Map([['u1', sessionsOf(at('0:00', '2:00'))]]),
      ['Claim', 'Figure', 'Hedge'],
    );
    expect(rows[0]).toMatchObject({
      todo: 2,
      spans: 5,
      activeSeconds: 120,
      labels: [
        { label: 'Claim', spans: 3 },
        { label: 'Hedge', spans: 2 },
      ],
    });
    expect(rows[1]).toMatchObject({ todo: 3, spans: 0, activeSeconds: 0, labels: [], lastActivity: null });
  });
});
