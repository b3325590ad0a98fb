/**
 * Work packages (docs/teams.md): write one annotator's package to a file they annotate offline, and
 * merge returned packages into their layers, with what each merge added, changed and removed per
 * annotator and document. Opened from the toolbar (Packages…) and File ▸ Export Work Package…
 * and Merge Returned Work… (which starts the merge at once). The paths come from the dialogs.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AnnotatorInfo, MergeLabelsNeeded, MergeReport } from '../../../electron/contract/types';
import { LabelPlacement } from './LabelPlacement';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import type { Notices } from '../../ui/notices';

export function WorkPackagesDialog(props: {
  notices: Notices;
  /** Opened by File ▸ Merge Returned Work…: the merge's file dialog opens at once. */
  mergeAtOnce: boolean;
  /** Spans or statuses may have changed: the document list is read again. */
  onMerged: () => void;
  onClose: () => void;
}) {
  const { notices, onMerged } = props;
  const { run } = notices;
  const [people, setPeople] = useState<AnnotatorInfo[]>([]);
  const [annotator, setAnnotator] = useState('');
  const [report, setReport] = useState<MergeReport | null>(null);

  useEffect(() => {
    void run(() => api.listAnnotators({})).then((list) => {
      if (!list) return;
      const annotators = list.filter((a) => a.role === 'annotator');
      setPeople(annotators.length ? annotators : list);
      setAnnotator((current) => current || (annotators[0] ?? list[0])?.name || '');
    });
  }, [run]);

  const writePackage = async (event: FormEvent) => {
    event.preventDefault();
    const written = await run(() => api.exportWorkPackage({ annotator }));
    if (!written) return;
    const all = written.allDocuments ? ' (nothing is assigned, so every document)' : '';
    notices.show(
      'info',
      `Wrote the work package of ${written.annotator}: ${written.documents} documents${all}, ${written.spans} spans, to ${written.path}.`,
    );
  };

  const [placing, setPlacing] = useState<MergeLabelsNeeded | null>(null);
  const merge = useCallback(
    async (args: Parameters<typeof api.mergeWorkPackages>[0] = {}) => {
      const merged = await run(() => api.mergeWorkPackages(args));
      if (!merged) return;
      if ('labelsToPlace' in merged) {
        setPlacing(merged);
        return;
      }
      setPlacing(null);
      setReport(merged);
      onMerged();
    },
    [run, onMerged],
  );
  const started = useRef(false);
  useEffect(() => {
    if (!props.mergeAtOnce || started.current) return;
    started.current = true;
    void merge();
  }, [props.mergeAtOnce, merge]);

  return (
    <Modal title="Work packages" onClose={props.onClose}>
      <form className="mg-package-form" onSubmit={(e) => void writePackage(e)}>
        <label>
          Annotator{' '}
          <select value={annotator} onChange={(e) => setAnnotator(e.target.value)}>
            {people.map((p) => (
              <option key={p.id} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={!annotator}>
          Export work package…
        </button>
      </form>
      <p>
        <button type="button" onClick={() => void merge()}>
          Merge returned work…
        </button>
      </p>
      {placing && (
        <LabelPlacement
          placing={placing}
          notices={notices}
          onMerge={(choices) => void merge({ again: placing.again, ...choices })}
        />
      )}
      {report && (
        <div className="mg-report" role="status">
          <p>{report.changed ? 'Merged.' : 'Nothing to merge: the project already holds this work.'}</p>
          <table className="mg-agreement-table" aria-label="Merge report">
            <thead>
              <tr>
                <th>Annotator</th>
                <th>Document</th>
                <th>Added</th>
                <th>Changed</th>
                <th>Removed</th>
                <th>Kept (newer here)</th>
              </tr>
            </thead>
            <tbody>
              {report.packages.flatMap((pkg) =>
                pkg.documents.map((d) => (
                  <tr key={`${pkg.path}:${d.title}`}>
                    <td>{pkg.annotator}</td>
                    <td>{d.title}</td>
                    <td>{d.added}</td>
                    <td>{d.changed}</td>
                    <td>{d.removed}</td>
                    <td>{d.keptNewer}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
