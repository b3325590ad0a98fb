/**
 * Import: choose the format (or auto) and whose layer the spans become, then files or a folder in
 * the native dialog; progress with Cancel; the report. When the files use labels the schema lacks,
 * each can be mapped to a schema label or added to the schema, and the same files imported again.
 * When some files have problems, the good ones can be imported with the bad ones skipped and listed.
 */
import { useEffect, useRef, useState } from 'react';
import type {
  FormatInfo,
  ImportFormat,
  ImportReport,
  OffsetUnit,
  ProjectSchema,
  UnknownLabel,
} from '../../../electron/contract/types';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import type { Notices } from '../../ui/notices';
import { JobOutcome } from './JobProgress';
import { useJob } from './useJob';

/** What to do with one unknown label: add it, or map it to this schema label. */
type LabelChoice = { add: true } | { add: false; to: string };

export function ImportDialog(props: {
  schema: ProjectSchema;
  user: string;
  notices: Notices;
  onImported: () => void;
  onClose: () => void;
}) {
  const { run } = props.notices;
  const { onImported } = props;
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [annotator, setAnnotator] = useState('');
  const [offsetUnit, setOffsetUnit] = useState<OffsetUnit | ''>('');
  const [jobId, setJobId] = useState<string | null>(null);
  // Once chosen, skipping bad files holds for the label retries of the same files too.
  const [skipBad, setSkipBad] = useState(false);
  const job = useJob(jobId, props.notices.show);
  const { status } = job;
  const announced = useRef<string | null>(null);

  useEffect(() => {
    void run(() => api.listFormats({})).then((all) => all && setFormats(all.filter((f) => f.canImport)));
  }, [run]);

  const report = status?.kind === 'import' ? status.result : null;
  useEffect(() => {
    if (report?.written && announced.current !== status?.id) {
      announced.current = status?.id ?? null;
      onImported();
    }
  }, [report, status?.id, onImported]);

  const start = async (args: Parameters<typeof api.startImport>[0]) => {
    const started = await run(() =>
      api.startImport({
        format,
        ...(annotator.trim() ? { annotator: annotator.trim() } : {}),
        ...(offsetUnit ? { offsetUnit } : {}),
        ...args,
      }),
    );
    if (started) setJobId(started.jobId);
  };

  return (
    <Modal title="Import" onClose={props.onClose}>
      {!jobId && (
        <div className="mg-form">
          <label className="mg-field">
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
              <option value="auto">Detect from each file</option>
              {formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <label className="mg-field">
            Spans go to the layer of
            <input
              value={annotator}
              placeholder={`each file's annotator, else ${props.user}`}
              onChange={(e) => setAnnotator(e.target.value)}
            />
          </label>
          {(format === 'auto' || format === 'doccano') && (
            <label className="mg-field">
              Offsets in doccano files that do not state their unit
              <select value={offsetUnit} onChange={(e) => setOffsetUnit(e.target.value as OffsetUnit | '')}>
                <option value="">
                  UTF-16 code units (doccano’s screen), or code points if only they fit
                </option>
                <option value="utf16">UTF-16 code units</option>
                <option value="codepoint">Code points</option>
                <option value="utf8">UTF-8 bytes</option>
              </select>
            </label>
          )}
          <p className="mg-hint">
            One batch: if any file has a problem, nothing is imported (you can then import the good files and
            skip the listed ones). A text already in the project is not added twice; its spans join that
            document.
          </p>
          <div className="mg-row">
            <button type="button" className="mg-primary" onClick={() => void start({ folder: false })}>
              Choose files…
            </button>
            <button type="button" onClick={() => void start({ folder: true })}>
              Choose folder…
            </button>
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {jobId && (
        <JobOutcome noun="Import" job={job} onClose={props.onClose}>
          {report && (
            <ImportSummary
              report={report}
              schema={props.schema}
              onRetry={(labelMap, addLabels) =>
                void start({
                  again: jobId,
                  format: report.format,
                  ...(Object.keys(labelMap).length ? { labelMap } : {}),
                  ...(addLabels.length ? { addLabels } : {}),
                  ...(skipBad ? { skipBad } : {}),
                })
              }
              onSkipBad={() => {
                setSkipBad(true);
                void start({ again: jobId, format: report.format, skipBad: true });
              }}
            />
          )}
        </JobOutcome>
      )}
    </Modal>
  );
}

function ImportSummary(props: {
  report: ImportReport;
  schema: ProjectSchema;
  onRetry: (labelMap: Record<string, string>, addLabels: string[]) => void;
  onSkipBad: () => void;
}) {
  const { report } = props;
  if (!report.written) {
    return (
      <div className="mg-report" role="alert">
        <Notes report={report} />
        <p>
          <strong>Nothing was imported.</strong>{' '}
          {report.problems.length > 0
            ? `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} in the files:`
            : 'The files use labels the schema does not have.'}
        </p>
        {report.problems.length > 0 && (
          <ul className="mg-failures">
            {report.problems.map((p, index) => (
              <li key={index}>
                <code>
                  {p.file}
                  {p.line !== undefined && `:${p.line}`}
                </code>
                : {p.message}
              </li>
            ))}
          </ul>
        )}
        {report.problems.length > 0 && report.goodFiles > 0 && (
          <p className="mg-row">
            <button type="button" className="mg-primary" onClick={props.onSkipBad}>
              Import the {report.goodFiles} good {report.goodFiles === 1 ? 'file' : 'files'}, skip the listed
              ones
            </button>
          </p>
        )}
        <SkippedFiles files={report.skippedFiles} />
        {report.unknownRelationTypes.length > 0 && (
          <p>
            Relation types the schema lacks (added with the labels): {report.unknownRelationTypes.join(', ')}
          </p>
        )}
        {report.problems.length === 0 && report.unknownLabels.length > 0 && (
          <UnknownLabels labels={report.unknownLabels} schema={props.schema} onRetry={props.onRetry} />
        )}
      </div>
    );
  }
  const added = Object.entries(report.spansAdded);
  return (
    <div className="mg-report" role="status">
      <p>
        Imported {report.imported.length} new {report.imported.length === 1 ? 'document' : 'documents'}
        {report.merged.length > 0 &&
          `; ${report.merged.length} already in the project (their spans joined the existing documents)`}
        .
      </p>
      <p>
        New spans: {added.length ? added.map(([name, n]) => `${n} for ${name}`).join(', ') : 'none'}
        {report.spansSkipped > 0 && `; ${report.spansSkipped} identical spans were already there and skipped`}
        .
      </p>
      <Notes report={report} />
      {(report.relationsAdded > 0 || report.relationsSkipped > 0) && (
        <p>
          New relations: {report.relationsAdded}
          {report.relationsSkipped > 0 && `; ${report.relationsSkipped} identical skipped`}.
        </p>
      )}
      {report.addedLabels.length > 0 && <p>Labels added to the schema: {report.addedLabels.join(', ')}.</p>}
      {report.warnings.length > 0 && (
        <details>
          <summary>
            {report.warnings.length} things the files hold that the project does not (left out)
          </summary>
          <ul className="mg-failures">
            {report.warnings.map((w, index) => (
              <li key={index}>
                <code>
                  {w.file}
                  {w.line !== undefined && `:${w.line}`}
                </code>
                : {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <SkippedFiles files={report.skippedFiles} />
    </div>
  );
}

/** How files that left something open were read (a doccano file's offset unit), in both outcomes. */
function Notes(props: { report: ImportReport }) {
  if (props.report.notices.length === 0) return null;
  return (
    <ul className="mg-notes" aria-label="How the files were read">
      {props.report.notices.map((n, index) => (
        <li key={index}>
          <code>{n.file}</code>: {n.message}
        </li>
      ))}
    </ul>
  );
}

/** Files left out (not importable, or skipped for their problems), each with its reason. */
function SkippedFiles(props: { files: ImportReport['skippedFiles'] }) {
  if (props.files.length === 0) return null;
  return (
    <details>
      <summary>
        {props.files.length} {props.files.length === 1 ? 'file was' : 'files were'} left out
      </summary>
      <ul className="mg-failures">
        {props.files.map((f, index) => (
          <li key={index}>
            <code>{f.file}</code>: {f.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

function UnknownLabels(props: {
  labels: UnknownLabel[];
  schema: ProjectSchema;
  onRetry: (labelMap: Record<string, string>, addLabels: string[]) => void;
}) {
  const [choices, setChoices] = useState<Record<string, LabelChoice>>(() =>
    Object.fromEntries(props.labels.map((l) => [l.label, { add: true } as LabelChoice])),
  );
  const retry = () => {
    const entries = Object.entries(choices);
    const addLabels = entries.filter(([, choice]) => choice.add).map(([label]) => label);
    // fromEntries makes own keys, so a label named `__proto__` is mapped rather than lost.
    const labelMap = Object.fromEntries(
      entries.flatMap(([label, choice]) => (choice.add ? [] : [[label, choice.to]])),
    );
    props.onRetry(labelMap, addLabels);
  };
  return (
    <div>
      <table className="mg-unknown-labels">
        <thead>
          <tr>
            <th>Label in the files</th>
            <th>Spans</th>
            <th>Import as</th>
          </tr>
        </thead>
        <tbody>
          {props.labels.map((l) => {
            const choice = choices[l.label]!;
            return (
              <tr key={l.label}>
                <td>
                  <strong>{l.label}</strong>
                  <div className="mg-hint">{l.files.join(', ')}</div>
                </td>
                <td>{l.count}</td>
                <td>
                  <select
                    aria-label={`Import ${l.label} as`}
                    value={choice.add ? '' : choice.to}
                    onChange={(e) =>
                      setChoices({
                        ...choices,
                        [l.label]: e.target.value === '' ? { add: true } : { add: false, to: e.target.value },
                      })
                    }
                  >
                    <option value="">a new label “{l.label}” added to the schema</option>
                    {props.schema.labels.map((s) => (
                      <option key={s.key} value={s.name}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="mg-row">
        <button type="button" className="mg-primary" onClick={retry}>
          Import again
        </button>
      </div>
    </div>
  );
}
