/** An open project: toolbar, document list, and the document being annotated. */
import { useCallback, useEffect, useState } from 'react';
import type {
  DocumentSummary,
  DocumentView,
  ImportReport,
  MenuCommand,
  ProjectInfo,
  Session,
} from '../../../electron/contract/types';
import { api, onMenuCommand } from '../../api/client';
import type { Notices } from '../../ui/notices';
import { useLabelStyles } from '../../ui/labelStyles';
import { DocumentList } from '../library/DocumentList';
import { SchemaEditor } from '../schema/SchemaEditor';
import { AnnotateView } from './AnnotateView';

export function ProjectScreen(props: {
  project: ProjectInfo;
  user: string;
  notices: Notices;
  onClose: () => void;
  /** A schema change gives a new session; the app passes it down as the new project. */
  onSession: (session: Session) => void;
}) {
  const { project, notices } = props;
  const { run, show } = notices;
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [open, setOpen] = useState<DocumentView | null>(null);
  const [editingSchema, setEditingSchema] = useState(false);
  // Bumped by each schema change so the open document is drawn afresh with the new labels.
  const [schemaRevision, setSchemaRevision] = useState(0);
  useLabelStyles(project.schema);

  const refreshDocuments = useCallback(
    () => run(() => api.listDocuments({})).then((docs) => docs && setDocuments(docs)),
    [run],
  );
  useEffect(() => void refreshDocuments(), [refreshDocuments]);

  const openDocument = useCallback(
    (id: number) => run(() => api.getDocument({ id })).then((doc) => doc && setOpen(doc)),
    [run],
  );

  const importFiles = useCallback(
    async (folder: boolean) => {
      const report = await run(() => api.importFiles({ folder }));
      if (!report) return;
      show(report.failed.length ? 'error' : 'info', <ImportSummary report={report} />);
      await refreshDocuments();
    },
    [run, show, refreshDocuments],
  );

  const exportJsonl = useCallback(async () => {
    const result = await run(() => api.exportProject({ format: 'jsonl' }));
    if (result)
      show('info', `Exported ${result.documents} documents and ${result.spans} spans to ${result.path}`);
  }, [run, show]);

  useEffect(
    () =>
      onMenuCommand((command: MenuCommand) => {
        if (command.command === 'importFiles') void importFiles(false);
        if (command.command === 'importFolder') void importFiles(true);
        if (command.command === 'exportJsonl') void exportJsonl();
      }),
    [importFiles, exportJsonl],
  );

  const closeSchemaEditor = useCallback(
    async (session?: Session) => {
      if (session) {
        props.onSession(session);
        setSchemaRevision((n) => n + 1);
        await refreshDocuments();
        if (open) await openDocument(open.id);
      }
      setEditingSchema(false);
    },
    [props, refreshDocuments, open, openDocument],
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
        <button type="button" onClick={() => void importFiles(false)}>
          Import files…
        </button>
        <button type="button" onClick={() => void importFiles(true)}>
          Import folder…
        </button>
        <button type="button" onClick={() => void exportJsonl()}>
          Export JSONL…
        </button>
        <button type="button" onClick={() => setEditingSchema(true)} aria-pressed={editingSchema}>
          Schema…
        </button>
        <span className="mg-spacer" />
        <span className="mg-user" title="Annotations are stored under this name">
          {props.user}
        </span>
        <button type="button" onClick={props.onClose}>
          Close project
        </button>
      </header>
      <nav className="mg-sidebar">
        <DocumentList
          documents={documents}
          openId={open?.id ?? null}
          onOpen={(id) => void openDocument(id)}
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
        ) : open ? (
          <AnnotateView
            key={`${open.id}:${schemaRevision}`}
            document={open}
            schema={project.schema}
            notices={notices}
            onSpanCount={onSpanCount}
          />
        ) : (
          <p className="mg-empty">Open a document from the list to annotate it.</p>
        )}
      </main>
    </div>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  return (
    <div>
      <div>
        Imported {report.imported.length} {report.imported.length === 1 ? 'document' : 'documents'}
        {report.duplicates.length > 0 && `; ${report.duplicates.length} already in the project`}
        {report.failed.length > 0 && `; ${report.failed.length} not imported:`}
      </div>
      {report.failed.length > 0 && (
        <ul className="mg-failures">
          {report.failed.map((f) => (
            <li key={f.file}>
              <code>{f.file}</code>: {f.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
