/**
 * The team: everyone with their role, spans and assigned documents; your own name (changed here);
 * what annotators may see; and the assignment table. Owners change roles, the policy and
 * assignments (core/teams.ts decides, the services enforce it; here the controls follow). Opened
 * from the toolbar (Team…) and from the Export dialog; each change is saved at once.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AnnotatorInfo, Session, TeamView } from '../../../electron/contract/types';
import type { Role } from '../../../electron/core/layers';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import type { Notices } from '../../ui/notices';
import { AssignmentTable, DoneRow } from './AssignmentTable';

const ROLES: { id: Role; name: string }[] = [
  { id: 'owner', name: 'Owner (runs the team, gold)' },
  { id: 'annotator', name: 'Annotator' },
  { id: 'reviewer', name: 'Reviewer (gold)' },
];

export function AnnotatorsDialog(props: {
  notices: Notices;
  /** The people after a change (the Export dialog lists them). */
  onChange?: (annotators: AnnotatorInfo[]) => void;
  /** Your new name: the session, as the app shows it. */
  onSession?: (session: Session) => void;
  /** Assignments changed: the document list is read again. */
  onAssigned?: () => void;
  onClose: () => void;
}) {
  const { run } = props.notices;
  const { onChange } = props;
  const [team, setTeam] = useState<TeamView | null>(null);
  const [name, setName] = useState('');
  const [assigning, setAssigning] = useState(false);

  const show = useCallback(
    (next: TeamView | undefined) => {
      if (!next) return;
      setTeam(next);
      onChange?.(next.members);
    },
    [onChange],
  );
  const reload = useCallback(() => run(() => api.getTeam({})).then(show), [run, show]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => setName(team?.you?.name ?? ''), [team?.you?.name]);

  const setRole = async (person: string, role: Role) => {
    if (await run(() => api.setAnnotatorRole({ name: person, role }))) await reload();
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const session = await run(() => api.renameMe({ name }));
    if (!session) return;
    props.onSession?.(session);
    props.notices.show('info', `You are now “${session.user}” in this project.`);
    await reload();
  };
  const setSeeOthers = (annotatorsSeeOthers: boolean) =>
    run(() => api.setTeamPolicy({ annotatorsSeeOthers })).then(show);

  if (assigning)
    return (
      <AssignmentTable
        notices={props.notices}
        canChange={team?.youManage ?? false}
        onChanged={() => {
          props.onAssigned?.();
          void reload();
        }}
        onClose={() => setAssigning(false)}
      />
    );
  const manage = team?.youManage ?? false;
  return (
    <Modal title="Team" onClose={props.onClose}>
      <form className="mg-row" onSubmit={(e) => void rename(e)}>
        <label>
          Your name <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Your name" />
        </label>
        <button type="submit" disabled={!name.trim() || name.trim() === team?.you?.name}>
          Rename me
        </button>
        {team?.you && <span className="mg-muted">your role: {team.you.role}</span>}
      </form>
      <p className="mg-hint">
        Owners change roles and assignments. Gold is the layer reviewers (and owners) write: what a gold
        export writes.
      </p>
      <table className="mg-annotators">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Spans</th>
            <th scope="col">Assigned</th>
          </tr>
        </thead>
        <tbody>
          {(team?.members ?? []).map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>
                <select
                  aria-label={`Role of ${a.name}`}
                  value={a.role}
                  disabled={!manage}
                  onChange={(e) => void setRole(a.name, e.target.value as Role)}
                >
                  {ROLES.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>{a.spans}</td>
              <td>{a.assigned}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="mg-row">
        <input
          type="checkbox"
          checked={team?.policy.annotatorsSeeOthers ?? false}
          disabled={!manage}
          onChange={(e) => void setSeeOthers(e.target.checked)}
        />
        Annotators see other annotators’ layers (otherwise, once documents are assigned, each sees only their
        own documents and layer)
      </label>
      <DoneRow onDone={props.onClose}>
        {/* Under blind annotation the table (every document's title) is for owners and reviewers. */}
        {team && (team.you?.role !== 'annotator' || !team.hasAssignments) && (
          <button type="button" onClick={() => setAssigning(true)}>
            Assignments…
          </button>
        )}
      </DoneRow>
    </Modal>
  );
}
