/**
 * Export: choose the format and what goes in (annotators or gold, labels, done documents, offset
 * unit, Hugging Face split), then the native save dialog; progress with Cancel; the loss report.
 */
import { useEffect, useState } from 'react';
import type {
  AnnotatorInfo,
  ExportReport,
  FormatId,
  FormatInfo,
  OffsetUnit,
  ProjectSchema,
} from '../../../electron/contract/types';
import { DEFAULT_SPLIT } from '../../../electron/core/formats/huggingFace';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import type { Notices } from '../../ui/notices';
import { AnnotatorsDialog } from '../team/AnnotatorsDialog';
import { JobOutcome } from './JobProgress';
import { useJob } from './useJob';

const UNITS: { id: OffsetUnit; name: string; words: string }[] = [
  { id: 'utf16', name: 'UTF-16 code units (JavaScript)', words: 'UTF-16 code units' },
  { id: 'codepoint', name: 'Code points (Python)', words: 'code points' },
  { id: 'utf8', name: 'UTF-8 bytes', words: 'UTF-8 bytes' },
];

type Layer = 'all' | 'chosen' | 'gold';
type DoccanoForm = 'label' | 'entities';

export function ExportDialog(props: { schema: ProjectSchema; notices: Notices; onClose: () => void }) {
  const { run } = props.notices;
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [annotators, setAnnotators] = useState<AnnotatorInfo[]>([]);
  const [format, setFormat] = useState<FormatId>('jsonl');
  const [layer, setLayer] = useState<Layer>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [labels, setLabels] = useState<string[]>(props.schema.labels.map((l) => l.key));
  const [doneOnly, setDoneOnly] = useState(false);
  const [offsetUnit, setOffsetUnit] = useState<OffsetUnit>('utf16');
  const [split, setSplit] = useState(DEFAULT_SPLIT);
  const [doccanoForm, setDoccanoForm] = useState<DoccanoForm>('label');
  const [jobId, setJobId] = useState<string | null>(null);
  const [editingRoles, setEditingRoles] = useState(false);
  const job = useJob(jobId, props.notices.show);
  const { status } = job;

  useEffect(() => {
    void run(() => api.listFormats({})).then((all) => all && setFormats(all.filter((f) => f.canExport)));
    void run(() => api.listAnnotators({})).then((all) => all && setAnnotators(all));
  }, [run]);

  const reviewers = annotators.filter((a) => a.role === 'reviewer');
  const toggle = (list: string[], item: string) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  const splitSum = split.train + split.dev + split.test;
  const problem =
    layer === 'chosen' && chosen.length === 0
      ? 'Choose at least one annotator.'
      : layer === 'gold' && reviewers.length === 0
        ? 'Gold needs a reviewer: make an annotator one under Annotators….'
        : labels.length === 0
          ? 'Choose at least one label.'
          : format === 'hf' && Math.abs(splitSum - 1) > 1e-6
            ? `The split fractions must sum to 1 (they sum to ${splitSum.toFixed(2)}).`
            : null;

  const start = async () => {
    const started = await run(() =>
      api.startExport({
        format,
        offsetUnit,
        ...(layer === 'chosen' ? { annotators: chosen } : {}),
        ...(layer === 'gold' ? { gold: true } : {}),
        // By the names the user sees, as the service resolves them (a renamed label keeps its old key).
        ...(labels.length < props.schema.labels.length
          ? { labels: props.schema.labels.filter((l) => labels.includes(l.key)).map((l) => l.name) }
          : {}),
        ...(doneOnly ? { doneOnly: true } : {}),
        ...(format === 'hf' ? { split } : {}),
        ...(format === 'doccano' ? { doccanoForm } : {}),
      }),
    );
    if (started) setJobId(started.jobId);
  };

  // Shown instead of (not over) this dialog, so Escape closes only it; this dialog's choices stay.
  if (editingRoles)
    return (
      <AnnotatorsDialog
        notices={props.notices}
        onChange={setAnnotators}
        onClose={() => setEditingRoles(false)}
      />
    );
  return (
    <Modal title="Export" onClose={props.onClose}>
      {!jobId && (
        <form
          className="mg-form"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <label className="mg-field">
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as FormatId)}>
              {formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>Whose spans</legend>
            <label>
              <input type="radio" checked={layer === 'all'} onChange={() => setLayer('all')} /> All annotators
            </label>
            <label>
              <input type="radio" checked={layer === 'chosen'} onChange={() => setLayer('chosen')} /> Chosen
              annotators
            </label>
            {layer === 'chosen' && (
              <div className="mg-choices">
                {annotators.map((a) => (
                  <label key={a.name}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(a.name)}
                      onChange={() => setChosen(toggle(chosen, a.name))}
                    />{' '}
                    {a.name}
                    {a.role === 'reviewer' && <span className="mg-muted"> (reviewer)</span>}
                  </label>
                ))}
              </div>
            )}
            <label>
              <input
                type="radio"
                checked={layer === 'gold'}
                disabled={reviewers.length === 0}
                onChange={() => setLayer('gold')}
              />{' '}
              Gold only
            </label>
            <p className="mg-hint">
              {reviewers.length === 0
                ? 'Gold is the layer reviewers write; no annotator in this project has the reviewer role yet.'
                : `Gold is the layer the reviewers (${reviewers.map((r) => r.name).join(', ')}) write in the annotate view.`}{' '}
              <button type="button" className="mg-link" onClick={() => setEditingRoles(true)}>
                Annotators…
              </button>
            </p>
          </fieldset>
          <fieldset>
            <legend>Labels</legend>
            <div className="mg-choices">
              {props.schema.labels.map((l) => (
                <label key={l.key}>
                  <input
                    type="checkbox"
                    checked={labels.includes(l.key)}
                    onChange={() => setLabels(toggle(labels, l.key))}
                  />{' '}
                  {l.name}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            <input type="checkbox" checked={doneOnly} onChange={(e) => setDoneOnly(e.target.checked)} /> Only
            documents marked done
          </label>
          <label className="mg-field">
            Offsets
            <select value={offsetUnit} onChange={(e) => setOffsetUnit(e.target.value as OffsetUnit)}>
              {UNITS.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          {format === 'doccano' && (
            <fieldset>
              <legend>doccano form</legend>
              <label>
                <input
                  type="radio"
                  checked={doccanoForm === 'label'}
                  onChange={() => setDoccanoForm('label')}
                />{' '}
                <code>label: [[start, end, label]]</code> (relations are not kept)
              </label>
              <label>
                <input
                  type="radio"
                  checked={doccanoForm === 'entities'}
                  onChange={() => setDoccanoForm('entities')}
                />{' '}
                <code>entities</code> and <code>relations</code> (keeps relations)
              </label>
            </fieldset>
          )}
          {format === 'hf' && (
            <fieldset>
              <legend>Split</legend>
              <div className="mg-row">
                {(['train', 'dev', 'test'] as const).map((part) => (
                  <label key={part} className="mg-field-inline">
                    {part}
                    <input
                      type="number"
                      min={0}
                      max={1}
                      step={0.05}
                      value={split[part]}
                      onChange={(e) => setSplit({ ...split, [part]: Number(e.target.value) })}
                    />
                  </label>
                ))}
                <label className="mg-field-inline">
                  seed
                  <input
                    type="number"
                    min={0}
                    step={1}
                    value={split.seed}
                    onChange={(e) =>
                      setSplit({ ...split, seed: Math.max(0, Math.round(Number(e.target.value))) })
                    }
                  />
                </label>
              </div>
            </fieldset>
          )}
          {problem && <p className="mg-danger">{problem}</p>}
          <div className="mg-row">
            <button type="submit" className="mg-primary" disabled={problem !== null || formats.length === 0}>
              Export…
            </button>
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {jobId && (
        <JobOutcome noun="Export" job={job} onClose={props.onClose}>
          {status?.kind === 'export' && status.result && <ExportSummary report={status.result} />}
        </JobOutcome>
      )}
    </Modal>
  );
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What was exported, and the loss report: every kind of loss counted, with examples. */
function ExportSummary({ report }: { report: ExportReport }) {
  return (
    <div className="mg-report" role="status">
      <p>
        Exported {count(report.documents, 'document')}, {count(report.spans, 'span')} and{' '}
        {count(report.relations, 'relation')} to <code>{report.path}</code> (offsets in {report.offsetUnit};{' '}
        {report.annotators.join(', ')}).
      </p>
      <h3>Loss report</h3>
      {report.losses.length === 0 ? (
        <p>Nothing was lost: the format holds everything exported.</p>
      ) : (
        <ul className="mg-losses">
          {report.losses.map((loss) => (
            <li key={loss.kind}>
              <strong>
                {loss.kind} ({loss.count})
              </strong>
              : {loss.message}
              <ul>
                {loss.examples.map((example, index) => (
                  <li key={index}>
                    {example.document}: {example.detail}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p className="mg-hint">
        Written beside the export: <code>{report.lossReportPaths.text}</code>
      </p>
    </div>
  );
}
