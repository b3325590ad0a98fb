/** Messages for the user: errors from the API and reports of imports and exports. */
import { useCallback, useMemo, useState, type ReactNode } from 'react';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  body: ReactNode;
}

export interface Notices {
  list: Notice[];
  show(kind: Notice['kind'], body: ReactNode): void;
  dismiss(id: number): void;
  /** Runs an API call; a failure becomes an error notice and resolves to undefined. */
  run<T>(call: () => Promise<T>): Promise<T | undefined>;
}

let nextId = 1;

export function useNotices(): Notices {
  const [list, setList] = useState<Notice[]>([]);
  const show = useCallback((kind: Notice['kind'], body: ReactNode) => {
    setList((current) => [...current, { id: nextId++, kind, body }]);
  }, []);
  const dismiss = useCallback((id: number) => setList((current) => current.filter((n) => n.id !== id)), []);
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
  return useMemo(() => ({ list, show, dismiss, run }), [list, show, dismiss, run]);
}

export function NoticeBar({ notices }: { notices: Notices }) {
  if (notices.list.length === 0) return null;
  return (
    <div className="mg-notices">
      {notices.list.map((notice) => (
        <div
          key={notice.id}
          className={`mg-notice mg-notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="mg-notice-body">{notice.body}</div>
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
