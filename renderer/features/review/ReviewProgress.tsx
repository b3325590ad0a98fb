/**
 * The reviewer's progress beside the queue: conflicts left in the project and per document, and each
 * annotator's exact / partial F1 against gold per label (services/reviewProgress.ts). Folded by
 * default and read only while open: the figures over a large project cost more than a decision.
 */
import { useEffect, useState } from 'react';
import type { ReviewProgress as Progress } from '../../../electron/contract/review';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

const f1 = (figure: number | null) => (figure === null ? '–' : figure.toFixed(2));

/** `stored`: counts the changes the store has taken (decisions, undo); the figures are read again when it moves. */
export function ReviewProgress(props: { notices: Notices; stored: number }) {
  const { run } = props.notices;
  const [shown, setShown] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    if (!shown) return;
    let current = true;
    void run(() => api.reviewProgress({})).then((result) => {
      if (current && result) setProgress(result);
    });
    return () => {
      current = false;
    };
  }, [run, shown, props.stored]);

  const labels = [...new Set(progress?.annotators.flatMap((a) => a.labels.map((l) => l.label)) ?? [])].sort();
  return (
    <details className="mg-review-progress" onToggle={(e) => setShown(e.currentTarget.open)}>
      <summary>Progress</summary>
      {!progress ? (
        <p>Reading the progress…</p>
      ) : (
        <>
          <p aria-label="Conflicts left">
            {progress.project.open} of {progress.project.conflicts} conflicts open, in{' '}
            {progress.project.documentsLeft} of {progress.project.documents} documents
          </p>
          <table aria-label="Conflicts per document">
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Open</th>
                <th scope="col">Conflicts</th>
              </tr>
            </thead>
            <tbody>
              {progress.documents.map((d) => (
                <tr key={d.documentId}>
                  <th scope="row">{d.title}</th>
                  <td>{d.open}</td>
                  <td>{d.conflicts}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {progress.annotators.length === 0 ? (
            <p>Agreement with gold: the gold layer has no span yet.</p>
          ) : (
            <table aria-label="Agreement with gold">
              <caption>Agreement with gold, exact / partial F1</caption>
              <thead>
                <tr>
                  <th scope="col">Annotator</th>
                  <th scope="col">All labels</th>
                  {labels.map((l) => (
                    <th scope="col" key={l}>
                      {l}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {progress.annotators.map((a) => (
                  <tr key={a.annotator}>
                    <th scope="row">{a.annotator}</th>
                    <td>
                      {f1(a.exactF1)} / {f1(a.partialF1)}
                    </td>
                    {labels.map((l) => {
                      const figure = a.labels.find((x) => x.label === l);
                      return (
                        <td
                          key={l}
                          title={figure ? `${figure.gold} in gold, ${figure.spans} drawn` : undefined}
                        >
                          {figure ? `${f1(figure.exactF1)} / ${f1(figure.partialF1)}` : '–'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </details>
  );
}
