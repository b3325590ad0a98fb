/** An open project: toolbar, document list, and the document being annotated. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  DocumentStatus,
  DocumentSummary,
  DocumentView,
  MenuCommand,
  ProjectInfo,
  Session,
} from '../../../electron/contract/types';
import { api, fetchDocument, onMenuCommand, type LayerChoice } from '../../api/client';
import { layerKey } from '../../../electron/core/layers';
import type { Notices } from '../../ui/notices';
import { useLabelStyles } from '../../ui/labelStyles';
import { ThemeSwitch } from '../../ui/ThemeSwitch';
import { AgreementView } from '../agreement/AgreementView';
import type { ReviewFilter } from '../review/reviewKeys';
import { ReviewView } from '../review/ReviewView';
import { ProgressView } from '../progress/ProgressView';
import { Drawer, type DrawerTab } from '../drawer/Drawer';
import { DocumentList, type StatusFilter } from '../library/DocumentList';
import { SchemaEditor } from '../schema/SchemaEditor';
import { AnnotatorsDialog } from '../team/AnnotatorsDialog';
import { WorkPackagesDialog } from '../team/WorkPackagesDialog';
import { hitsIn, type FoundHits } from '../search/SearchPanel';
import { ExportDialog } from '../transfer/ExportDialog';
import { ImportDialog } from '../transfer/ImportDialog';
import { AnnotateView, type FocusTarget } from './AnnotateView';
import { rememberDocument, rememberedDocument } from './lastDocument';

export function ProjectScreen(props: {
  project: ProjectInfo;
  user: string;
  notices: Notices;
  onClose: () => void;
  /** A schema change gives a new session; the app passes it down as the new project. */
  onSession: (session: Session) => void;
  /** An import may add labels: the session (and its schema) must be read again. */
  onSchemaChanged: () => void;
}) {
  const { project, notices, onSchemaChanged } = props;
  const { run } = notices;
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [dialog, setDialog] = useState<'import' | 'export' | 'team' | 'packages' | 'merge' | null>(null);
  const [open, setOpen] = useState<DocumentView | null>(null);
  const [layerChoice, setLayerChoice] = useState<LayerChoice>({});
  const [editingSchema, setEditingSchema] = useState(false);
  const [agreement, setAgreement] = useState(false);
  const [review, setReview] = useState(false);
  const [progress, setProgress] = useState(false);
  // What the Agreement view asked the review screen to show (a new key opens it afresh).
  const [reviewFilter, setReviewFilter] = useState<{ key: number; filter: ReviewFilter }>({
    key: 0,
    filter: {},
  });
  // Bumped by each schema change so the open document is drawn afresh with the new labels.
  const [schemaRevision, setSchemaRevision] = useState(0);
  useLabelStyles(project.schema);

  const refreshDocuments = useCallback(
    () => run(() => api.listDocuments({})).then((docs) => docs && setDocuments(docs)),
    [run],
  );
  useEffect(() => void refreshDocuments(), [refreshDocuments]);

  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [drawer, setDrawer] = useState<DrawerTab | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  /** Counts Ctrl+F presses: each puts the cursor in the search field, even when it is already open. */
  const [searchFocus, setSearchFocus] = useState(0);
  // What the open search found, highlighted in the open document's text until the panel closes.
  const [found, setFound] = useState<FoundHits | null>(null);
  const openHits = useMemo(() => (open ? hitsIn(open.id, found) : null), [open, found]);
  const shown = documents.filter((d) => statusFilter === 'all' || d.status === statusFilter);

  /** Opens a document, optionally at a place (a search result); an open one is not reloaded. */
  const openDocument = useCallback(
    async (id: number, at?: Omit<FocusTarget, 'nonce'>) => {
      const target = at ? { ...at, nonce: Date.now() } : null;
      if (open?.id === id) {
        if (target) setFocus(target);
        return;
      }
      const doc = await run(() => fetchDocument(id, layerChoice));
      if (!doc) return;
      setFocus(target);
      setOpen(doc);
    },
    [run, open?.id, layerChoice],
  );

  // Layers: the choice holds across documents; a new choice reads the open document again.
  const chooseLayers = useCallback(
    async (choice: LayerChoice) => {
      if (!open) return;
      const doc = await run(() => fetchDocument(open.id, choice));
      if (!doc) return;
      setLayerChoice(choice);
      setOpen(doc);
    },
    [run, open],
  );

  // The document open when the app was last reloaded or closed opens again, once the list is in.
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current || documents.length === 0) return;
    reopened.current = true;
    const id = rememberedDocument(project.path);
    if (id !== null && documents.some((d) => d.id === id)) void openDocument(id);
  }, [documents, project.path, openDocument]);
  useEffect(() => {
    if (open) rememberDocument(project.path, open.id);
  }, [open, project.path]);

  const setStatus = useCallback(
    async (documentId: number, status: DocumentStatus) => {
      const done = await run(() => api.setDocumentStatus({ documentId, status }));
      if (!done) return;
      setDocuments((docs) => docs.map((d) => (d.id === documentId ? { ...d, status } : d)));
      setHistoryVersion((v) => v + 1);
    },
    [run],
  );

  // Read through a ref: the list changes with every tag (span counts), and a callback that changed
  // with it would re-render the whole annotate view after each one.
  const shownNow = useRef(shown);
  shownNow.current = shown;
  // The document a press of Alt+PageDown is already opening: a second press goes on from there,
  // not from the one still shown, so two quick presses move two documents.
  const opening = useRef<number | null>(null);
  useEffect(() => {
    opening.current = null;
  }, [open?.id]);
  /** The next or previous document of the (filtered) list. */
  const openOther = useCallback(
    (direction: 'forward' | 'backward') => {
      const list = shownNow.current;
      const from = opening.current ?? open?.id;
      const at = list.findIndex((d) => d.id === from);
      const next = list[direction === 'forward' ? at + 1 : at === -1 ? list.length - 1 : at - 1];
      if (!next) return;
      opening.current = next.id;
      void openDocument(next.id);
    },
    [open?.id, openDocument],
  );
  const renameDocument = useCallback(
    async (documentId: number, title: string) => {
      const renamed = await run(() => api.renameDocument({ documentId, title }));
      if (!renamed) return false;
      setDocuments((docs) => docs.map((d) => (d.id === documentId ? { ...d, title: renamed.title } : d)));
      setOpen((doc) => (doc?.id === documentId ? { ...doc, title: renamed.title } : doc));
      setHistoryVersion((v) => v + 1);
      return true;
    },
    [run],
  );

  const openId = open?.id;
  const setOpenStatus = useCallback(
    (status: DocumentStatus) => {
      if (openId !== undefined) void setStatus(openId, status);
    },
    [openId, setStatus],
  );

  // Panel keys work wherever the focus is, except Ctrl+F in a text field of the panels.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'p' && event.shiftKey) {
        event.preventDefault();
        setProgress((on) => !on);
        return;
      }
      const tab: DrawerTab | null =
        key === 'f'
          ? event.shiftKey || !open
            ? 'project-search'
            : 'search'
          : !event.shiftKey
            ? null
            : key === 'h'
              ? 'history'
              : key === 'g'
                ? 'guidelines'
                : null;
      if (!tab) return;
      event.preventDefault();
      setDrawer((current) => (current === tab && key !== 'f' ? null : tab));
      if (key === 'f') setSearchFocus((n) => n + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const onImported = useCallback(() => {
    void refreshDocuments();
    onSchemaChanged();
  }, [refreshDocuments, onSchemaChanged]);
  const closeDialog = useCallback(() => setDialog(null), []);

  useEffect(
    () =>
      onMenuCommand((command: MenuCommand) => {
        if (command.command === 'import') setDialog('import');
        if (command.command === 'export') setDialog('export');
        if (command.command === 'exportPackage') setDialog('packages');
        if (command.command === 'mergePackages') setDialog('merge');
      }),
    [],
  );

  const closeSchemaEditor = useCallback(
    async (session?: Session) => {
      if (session) {
        props.onSession(session);
        await refreshDocuments();
        // The open document is fetched again (labels, attributes or relations may have gone) and
        // remounted with it in the same render, so the editor starts from what is stored now.
        const reloaded = open && (await run(() => fetchDocument(open.id, layerChoice)));
        if (reloaded) setOpen(reloaded);
        setSchemaRevision((n) => n + 1);
      }
      setEditingSchema(false);
    },
    [props, refreshDocuments, open, run, layerChoice],
  );
  const onEdited = useCallback(() => setHistoryVersion((v) => v + 1), []);
  // From the Agreement view: the document with the compared pair's layers shown together.
  const openCompared = useCallback(
    async (id: number, layers: LayerChoice['layers']) => {
      const choice = { ...layerChoice, layers };
      const doc = await run(() => fetchDocument(id, choice));
      if (!doc) return;
      setLayerChoice(choice);
      setOpen(doc);
      setAgreement(false);
    },
    [run, layerChoice],
  );

  const onSpanCount = useCallback((documentId: number, spanCount: number) => {
    setDocuments((docs) =>
      docs.map((d) =>
        d.id === documentId
          ? { ...d, spanCount, status: d.status === 'todo' && spanCount ? 'in_progress' : d.status }
          : d,
      ),
    );
  }, []);

  return (
    <div className="mg-project">
      <header className="mg-toolbar">
        <strong className="mg-project-name" title={project.path}>
          {project.name}
        </strong>
        {project.workPackage && (
          <span
            className="mg-package-label"
            role="note"
            title={`Work package of ${project.workPackage.project} for ${project.workPackage.annotator}`}
          >
            Work package of {project.workPackage.project} for {project.workPackage.annotator}
          </span>
        )}
        <button type="button" onClick={() => setDialog('import')}>
          Import…
        </button>
        <button type="button" onClick={() => setDialog('export')}>
          Export…
        </button>
        <button type="button" onClick={() => setEditingSchema(true)} aria-pressed={editingSchema}>
          Schema…
        </button>
        <button type="button" onClick={() => setDialog('team')}>
          Team…
        </button>
        {/* A package holds one annotator's layer: nothing to compare or to package again. */}
        {!project.workPackage && (
          <>
            <button
              type="button"
              onClick={() => setDialog('packages')}
              title="Work packages: each annotator's documents as one file, and their work merged back"
            >
              Packages…
            </button>
            <button
              type="button"
              onClick={() => (setProgress(false), setAgreement((on) => !on))}
              aria-pressed={agreement}
            >
              Agreement
            </button>
            <button
              type="button"
              onClick={() => (setProgress(false), setReview((on) => !on))}
              aria-pressed={review}
            >
              Review
            </button>
          </>
        )}
        <button
          type="button"
          onClick={() => setProgress((on) => !on)}
          aria-pressed={progress}
          title="Progress of each annotator and document (Ctrl+Shift+P)"
        >
          Progress
        </button>
        <span className="mg-spacer" />
        <span className="mg-flow-group" role="group" aria-label="Panels">
          {(
            [
              ['project-search', 'Search', 'Search the project (Ctrl+Shift+F)'],
              ['history', 'History', 'History of this document (Ctrl+Shift+H)'],
              ['guidelines', 'Guidelines', 'Annotation guidelines (Ctrl+Shift+G)'],
            ] as const
          ).map(([tab, text, title]) => (
            <button
              key={tab}
              type="button"
              title={title}
              aria-pressed={drawer === tab || (tab === 'project-search' && drawer === 'search')}
              onClick={() => setDrawer((current) => (current === tab ? null : tab))}
            >
              {text}
            </button>
          ))}
        </span>
        <ThemeSwitch />
        <span className="mg-user" title="Annotations are stored under this name">
          {props.user}
        </span>
        <button type="button" onClick={props.onClose}>
          Close project
        </button>
      </header>
      <nav className="mg-sidebar">
        <DocumentList
          documents={shown}
          total={documents.length}
          counts={statusCounts(documents)}
          filter={statusFilter}
          onFilter={setStatusFilter}
          openId={open?.id ?? null}
          onOpen={(id) => void openDocument(id)}
          onRename={renameDocument}
        />
      </nav>
      <main className="mg-main">
        {editingSchema ? (
          <SchemaEditor
            schema={project.schema}
            notices={notices}
            onSaved={(session) => void closeSchemaEditor(session)}
            onClose={() => void closeSchemaEditor()}
          />
        ) : progress ? (
          <ProgressView notices={notices} schema={project.schema} />
        ) : review ? (
          <ReviewView
            key={reviewFilter.key}
            notices={notices}
            schema={project.schema}
            filter={reviewFilter.filter}
          />
        ) : agreement ? (
          <AgreementView
            notices={notices}
            onOpen={(id, layers) => void openCompared(id, layers)}
            onReview={(filter) => {
              setReviewFilter((f) => ({ key: f.key + 1, filter }));
              setReview(true);
              setAgreement(false);
            }}
          />
        ) : open ? (
          <AnnotateView
            key={`${open.id}:${layerKey(open.editable)}:${schemaRevision}`}
            document={open}
            schema={project.schema}
            notices={notices}
            onSpanCount={onSpanCount}
            status={documents.find((d) => d.id === open.id)?.status ?? open.status}
            onStatus={setOpenStatus}
            onOtherDocument={openOther}
            onEdited={onEdited}
            focus={focus}
            searchHits={openHits}
            onLayers={(choice) => void chooseLayers(choice)}
          />
        ) : (
          <p className="mg-empty">Open a document from the list to annotate it.</p>
        )}
        {drawer && (
          <Drawer
            tab={drawer}
            onTab={setDrawer}
            onClose={() => setDrawer(null)}
            openDocument={open}
            historyVersion={historyVersion}
            searchFocus={searchFocus}
            schema={project.schema}
            notices={notices}
            onResult={(result) => void openDocument(result.documentId, result)}
            onHits={setFound}
          />
        )}
      </main>
      {dialog === 'import' && (
        <ImportDialog
          schema={project.schema}
          user={props.user}
          notices={notices}
          onImported={onImported}
          onClose={closeDialog}
        />
      )}
      {dialog === 'team' && (
        <AnnotatorsDialog
          notices={notices}
          onSession={props.onSession}
          onAssigned={() => void refreshDocuments()}
          onClose={closeDialog}
        />
      )}
      {(dialog === 'packages' || dialog === 'merge') && (
        <WorkPackagesDialog
          notices={notices}
          mergeAtOnce={dialog === 'merge'}
          onMerged={() => void refreshDocuments()}
          onClose={closeDialog}
        />
      )}
      {dialog === 'export' && (
        <ExportDialog schema={project.schema} notices={notices} onClose={closeDialog} />
      )}
    </div>
  );
}

/** How many documents each status filter shows. */
function statusCounts(documents: DocumentSummary[]): Record<StatusFilter, number> {
  const counts = { all: documents.length, todo: 0, in_progress: 0, done: 0 };
  for (const d of documents) counts[d.status]++;
  return counts;
}
