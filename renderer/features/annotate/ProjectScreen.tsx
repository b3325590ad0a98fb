/** An open project: toolbar, document list, and the document being annotated. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  DocumentStatus,
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
import { DocumentList } from '../library/DocumentList';
import { useDocumentPages, type StatusFilter } from '../library/useDocumentPages';
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

  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  // Bumped when the list must be read again from its first page (import, assignment, status).
  const [listRevision, setListRevision] = useState(0);
  const pages = useDocumentPages(statusFilter, listRevision, run);
  // Statuses changed since documents were opened (a tag makes a to-do document in progress).
  const [statuses, setStatuses] = useState<Record<number, DocumentStatus>>({});
  const refreshDocuments = useCallback(async () => setListRevision((n) => n + 1), []);
  const [drawer, setDrawer] = useState<DrawerTab | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  /** Counts Ctrl+F presses: each puts the cursor in the search field, even when it is already open. */
  const [searchFocus, setSearchFocus] = useState(0);
  // What the open search found, highlighted in the open document's text until the panel closes.
  const [found, setFound] = useState<FoundHits | null>(null);
  const openHits = useMemo(() => (open ? hitsIn(open.id, found) : null), [open, found]);

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

  // Kept from render to render: AnnotateView is memoised, and a new function here rendered it (its
  // span panel, the editor's props) a second time after every tag, when this screen re-renders.
  const onLayers = useCallback((choice: LayerChoice) => void chooseLayers(choice), [chooseLayers]);

  // The document open when the app was last reloaded or closed opens again, once the list is in
  // (quietly not when it is gone or no longer assigned to the user).
  const reopened = useRef(false);
  const anyDocuments = (pages.counts?.all ?? 0) > 0;
  useEffect(() => {
    if (reopened.current || !anyDocuments) return;
    reopened.current = true;
    const id = rememberedDocument(project.path);
    if (id === null) return;
    fetchDocument(id, {}).then(
      (doc) => setOpen((current) => current ?? doc),
      () => undefined,
    );
  }, [anyDocuments, project.path]);
  useEffect(() => {
    if (open) rememberDocument(project.path, open.id);
  }, [open, project.path]);

  const setStatus = useCallback(
    async (documentId: number, status: DocumentStatus) => {
      const done = await run(() => api.setDocumentStatus({ documentId, status }));
      if (!done) return;
      pages.patch(documentId, (d) => ({ ...d, status }));
      setStatuses((known) => ({ ...known, [documentId]: status }));
      // The counts change, and under a status filter the document may leave the list.
      setListRevision((n) => n + 1);
      setHistoryVersion((v) => v + 1);
    },
    [run, pages],
  );

  // The document a press of Alt+PageDown is already opening: a second press goes on from there,
  // not from the one still shown, so two quick presses move two documents. Presses are chained, as
  // each asks the Node side for the neighbour (the list is never all in the renderer).
  const opening = useRef<number | null>(null);
  useEffect(() => {
    opening.current = null;
  }, [open?.id]);
  const now = useRef({ openId: open?.id, openStatus: open?.status, openDocument, statusFilter, statuses });
  now.current = { openId: open?.id, openStatus: open?.status, openDocument, statusFilter, statuses };
  const moves = useRef<Promise<void>>(Promise.resolve());
  /** The next or previous document of the (filtered) list. */
  const openOther = useCallback(
    (direction: 'forward' | 'backward') => {
      moves.current = moves.current.then(async () => {
        const { openId, statusFilter: filter } = now.current;
        const from = opening.current ?? openId;
        if (from === undefined) return;
        const status = filter === 'all' ? {} : { status: filter };
        const next = await run(() => api.neighbourDocument({ documentId: from, direction, ...status }));
        if (!next) return;
        opening.current = next.id;
        void now.current.openDocument(next.id);
      });
    },
    [run],
  );
  const renameDocument = useCallback(
    async (documentId: number, title: string) => {
      const renamed = await run(() => api.renameDocument({ documentId, title }));
      if (!renamed) return false;
      pages.patch(documentId, (d) => ({ ...d, title: renamed.title }));
      setOpen((doc) => (doc?.id === documentId ? { ...doc, title: renamed.title } : doc));
      setHistoryVersion((v) => v + 1);
      return true;
    },
    [run, pages],
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

  const { patch } = pages;
  const onSpanCount = useCallback(
    (documentId: number, spanCount: number) => {
      patch(documentId, (d) => ({
        ...d,
        spanCount,
        status: d.status === 'todo' && spanCount ? 'in_progress' : d.status,
      }));
      const { openId, openStatus, statuses: known } = now.current;
      const before = known[documentId] ?? (openId === documentId ? openStatus : undefined);
      if (spanCount && before === 'todo') {
        setStatuses({ ...known, [documentId]: 'in_progress' });
        // The first span moved the document to in progress: the filters' counts are read again.
        setListRevision((n) => n + 1);
      }
    },
    [patch],
  );

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
          pages={pages}
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
            status={statuses[open.id] ?? open.status}
            onStatus={setOpenStatus}
            onOtherDocument={openOther}
            onEdited={onEdited}
            focus={focus}
            searchHits={openHits}
            onLayers={onLayers}
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
