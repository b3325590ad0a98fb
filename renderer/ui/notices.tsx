/**
 * Messages for the user: errors from the API and reports of imports and exports. A repeat of the
 * notice last shown merges into it with a count; information goes away by itself, errors stay
 * until dismissed (or until another project opens). They show in their own strip below the
 * screen, in the layout, so they never cover a control.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  body: ReactNode;
  /** How many times the same message was shown in a row. */
  count: number;
}

export interface Notices {
  list: Notice[];
  show(kind: Notice['kind'], body: ReactNode): void;
  dismiss(id: number): void;
  /** Takes every notice away (another project opened: they spoke of the last one). */
  clear(): void;
  /** Runs an API call; a failure becomes an error notice and resolves to undefined. */
  run<T>(call: () => Promise<T>): Promise<T | undefined>;
}

/** How long information stays, counted again from its latest repeat. */
export const INFO_SHOWN_MS = 6000;

let nextId = 1;

export function useNotices(): Notices {
  const [list, setList] = useState<Notice[]>([]);
  // The list as last set, read synchronously: a key pressed four times shows once, counted four times.
  const latest = useRef<Notice[]>([]);
  const update = useCallback((next: Notice[]) => {
    latest.current = next;
    setList(next);
  }, []);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback(
    (id: number) => {
      clearTimeout(timers.current.get(id));
      timers.current.delete(id);
      update(latest.current.filter((n) => n.id !== id));
    },
    [update],
  );
  const show = useCallback(
    (kind: Notice['kind'], body: ReactNode) => {
      const current = latest.current;
      const last = current.at(-1);
      // Only text can be compared; a rich report (an import's problems) always stands alone.
      const repeat = last && last.kind === kind && typeof body === 'string' && last.body === body;
      const shown = repeat ? { ...last, count: last.count + 1 } : { id: nextId++, kind, body, count: 1 };
      update(repeat ? [...current.slice(0, -1), shown] : [...current, shown]);
      if (kind !== 'info') return;
      clearTimeout(timers.current.get(shown.id));
      timers.current.set(
        shown.id,
        setTimeout(() => dismiss(shown.id), INFO_SHOWN_MS),
      );
    },
    [dismiss, update],
  );
  const clear = useCallback(() => {
    for (const timer of timers.current.values()) clearTimeout(timer);
    timers.current.clear();
    update([]);
  }, [update]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);
  const run = useCallback(
    async <T,>(call: () => Promise<T>) => {
      try {
        return await call();
      } catch (error) {
        show('error', (error as Error).message);
        return undefined;
      }
    },
    [show],
  );
  return useMemo(() => ({ list, show, dismiss, clear, run }), [list, show, dismiss, clear, run]);
}

export function NoticeBar({ notices }: { notices: Notices }) {
  if (notices.list.length === 0) return null;
  return (
    <div className="mg-notices" aria-label="Notices">
      {notices.list.map((notice) => (
        <div
          key={notice.id}
          className={`mg-notice mg-notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="mg-notice-body">{notice.body}</div>
          {notice.count > 1 && (
            <span className="mg-notice-count" title={`Shown ${notice.count} times`}>
              ×{notice.count}
            </span>
          )}
          <button
            type="button"
            className="mg-link"
            onClick={() => notices.dismiss(notice.id)}
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
