/**
 * A merge refused for labels the project lacks (docs/teams.md): each label with the package file
 * using it, and a choice to map it to a project label or add it to the schema — the CLI's
 * --map-label and --add-labels — then Merge runs the same files again with those choices.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { MergeLabelsNeeded } from '../../../electron/contract/types';
import type { LabelDef } from '../../../electron/core/schema';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

const ADD = '';

export function LabelPlacement(props: {
  placing: MergeLabelsNeeded;
  notices: Notices;
  onMerge: (choices: { labelMap: Record<string, string>; addLabels: boolean }) => void;
}) {
  const { placing, notices } = props;
  const [labels, setLabels] = useState<LabelDef[]>([]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  useEffect(() => {
    void notices
      .run(() => api.getSession({}))
      .then((session) => setLabels(session?.project?.schema.labels ?? []));
  }, [notices]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const labelMap = Object.fromEntries(
      placing.labelsToPlace.flatMap((l) => (chosen[l.key] ? [[l.key, chosen[l.key]!]] : [])),
    );
    props.onMerge({ labelMap, addLabels: placing.labelsToPlace.some((l) => !chosen[l.key]) });
  };

  return (
    <form className="mg-label-placement" aria-label="Labels to place" onSubmit={submit}>
      <p role="alert">
        Nothing was merged yet: the returned work uses labels this project lacks. Map each to a label of the
        project, or add it to the schema, then merge.
      </p>
      {placing.labelsToPlace.map((l) => (
        <label key={l.key}>
          {l.name} <span className="mg-hint">({l.file})</span>{' '}
          <select
            value={chosen[l.key] ?? ADD}
            onChange={(e) => setChosen((current) => ({ ...current, [l.key]: e.target.value }))}
          >
            <option value={ADD}>Add “{l.name}” to the schema</option>
            {labels.map((p) => (
              <option key={p.key} value={p.key}>
                Merge as {p.name}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit">Merge</button>
    </form>
  );
}
