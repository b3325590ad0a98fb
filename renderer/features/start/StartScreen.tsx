import type { RecentProject } from '../../../electron/contract/types';

/** No project open: create one, open one, or pick a recent one (by its handle: paths stay on the Node side). */
export function StartScreen(props: {
  recent: RecentProject[];
  onNew: () => void;
  onOpen: (recent?: string) => void;
}) {
  return (
    <div className="mg-card mg-centered">
      <h1>Marginalia</h1>
      <p>A project is one file holding its articles, its label schema and everyone&apos;s annotations.</p>
      <div className="mg-row">
        <button type="button" className="mg-primary" onClick={props.onNew}>
          New project…
        </button>
        <button type="button" onClick={() => props.onOpen()}>
          Open project…
        </button>
      </div>
      {props.recent.length > 0 && (
        <>
          <h2>Recent projects</h2>
          <ul className="mg-recent">
            {props.recent.map((entry) => (
              <li key={entry.handle}>
                <button type="button" className="mg-link" onClick={() => props.onOpen(entry.handle)}>
                  {entry.displayPath}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
