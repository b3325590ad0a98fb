/** The side drawer beside the text: search (this document or the project), history, guidelines. */
import type { DocumentView, ProjectSchema, SearchResult } from '../../../electron/contract/types';
import { sameLayer } from '../../../electron/core/layers';
import type { Notices } from '../../ui/notices';
import { useReturnFocus } from '../../ui/useReturnFocus';
import { layerName } from '../annotate/LayerPicker';
import { GuidelinesPanel } from '../guidelines/GuidelinesPanel';
import { HistoryPanel } from '../history/HistoryPanel';
import { SearchPanel, type FoundHits } from '../search/SearchPanel';

export type DrawerTab = 'search' | 'project-search' | 'history' | 'guidelines';

const TABS: [DrawerTab, string][] = [
  ['search', 'This document'],
  ['project-search', 'Project'],
  ['history', 'History'],
  ['guidelines', 'Guidelines'],
];

export function Drawer(props: {
  tab: DrawerTab;
  onTab: (tab: DrawerTab) => void;
  onClose: () => void;
  openDocument: DocumentView | null;
  /** Changes after every edit, so the history reloads. */
  historyVersion: number;
  /** Changes when the user asks for the search field again (Ctrl+F). */
  searchFocus: number;
  schema: ProjectSchema;
  notices: Notices;
  onResult: (result: SearchResult) => void;
  onHits?: (found: FoundHits | null) => void;
}) {
  const { tab, openDocument } = props;
  useReturnFocus();
  return (
    <aside className="mg-drawer" aria-label="Side panel">
      <div className="mg-drawer-tabs" role="tablist">
        {TABS.map(([value, text]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={tab === value}
            disabled={!openDocument && (value === 'search' || value === 'history')}
            onClick={() => props.onTab(value)}
          >
            {text}
          </button>
        ))}
        <button type="button" className="mg-link" aria-label="Close the panel" onClick={props.onClose}>
          ✕
        </button>
      </div>
      <div className="mg-drawer-body" role="tabpanel">
        {(tab === 'search' || tab === 'project-search') && (
          <SearchPanel
            key={tab}
            documentId={tab === 'search' ? (openDocument?.id ?? null) : null}
            focusKey={props.searchFocus}
            schema={props.schema}
            notices={props.notices}
            onResult={props.onResult}
            onHits={props.onHits}
          />
        )}
        {tab === 'history' &&
          (openDocument ? (
            <HistoryPanel
              documentId={openDocument.id}
              version={props.historyVersion}
              notices={props.notices}
              layer={{
                ref: openDocument.editable,
                name: layerName(
                  openDocument,
                  openDocument.layers.find((l) => sameLayer(l.ref, openDocument.editable)),
                  openDocument.editable,
                ),
              }}
            />
          ) : (
            <p className="mg-empty">Open a document to see its history.</p>
          ))}
        {tab === 'guidelines' && <GuidelinesPanel notices={props.notices} />}
      </div>
    </aside>
  );
}
