/** An open project: toolbar, document list, and the document being annotated. */
import { useCallback, useEffect, useState } from 'react';
import type {
  DocumentSummary,
  DocumentView,
  MenuCommand,
  ProjectInfo,
} from '../../../electron/contract/types';
import { api, onMenuCommand } from '../../api/client';
import type { Notices } from '../../ui/notices';
import { useLabelStyles } from '../../ui/labelStyles';
import { DocumentList } from '../library/DocumentList';
import { ExportDialog } from '../transfer/ExportDialog';
import { ImportDialog } from '../transfer/ImportDialog';
import { AnnotateView } from './AnnotateView';

export function ProjectScreen(props: {
  project: ProjectInfo;
  user: string;
  notices: Notices;
  onClose: () => void;
  /** An import may add labels: the session (and its schema) must be read again. */
  onSchemaChanged: () => void;
}) {
  const { project, notices, onSchemaChanged } = props;
  const { run } = notices;
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const [open, setOpen] = useState<DocumentView | null>(null);
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
      }),
    [],
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
        <button type="button" onClick={() => setDialog('import')}>
          Import…
        </button>
        <button type="button" onClick={() => setDialog('export')}>
          Export…
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
        {open ? (
          <AnnotateView
            key={open.id}
            document={open}
            schema={project.schema}
            notices={notices}
            onSpanCount={onSpanCount}
          />
        ) : (
          <p className="mg-empty">Open a document from the list to annotate it.</p>
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
      {dialog === 'export' && (
        <ExportDialog schema={project.schema} notices={notices} onClose={closeDialog} />
      )}
    </div>
  );
}
