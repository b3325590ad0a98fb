/**
 * Annotators and their roles: a reviewer's spans are the gold layer an export can choose. Opened
 * from the Export dialog; each role change is saved at once and the new list handed back.
 */
import type { AnnotatorInfo } from '../../../electron/contract/types';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import type { Notices } from '../../ui/notices';

const ROLES: { id: AnnotatorInfo['role']; name: string }[] = [
  { id: 'annotator', name: 'Annotator' },
  { id: 'reviewer', name: 'Reviewer (gold)' },
];

export function AnnotatorsDialog(props: {
  annotators: AnnotatorInfo[];
  notices: Notices;
  onChange: (annotators: AnnotatorInfo[]) => void;
  onClose: () => void;
}) {
  const setRole = async (name: string, role: AnnotatorInfo['role']) => {
    const updated = await props.notices.run(() => api.setAnnotatorRole({ name, role }));
    if (updated) props.onChange(updated);
  };
  return (
    <Modal title="Annotators" onClose={props.onClose}>
      <p className="mg-hint">
        Gold is the layer of the reviewers: their spans are what a gold export writes.
      </p>
      <table className="mg-annotators">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Spans</th>
          </tr>
        </thead>
        <tbody>
          {props.annotators.map((a) => (
            <tr key={a.name}>
              <th scope="row">{a.name}</th>
              <td>
                <select
                  aria-label={`Role of ${a.name}`}
                  value={a.role}
                  onChange={(e) => void setRole(a.name, e.target.value as AnnotatorInfo['role'])}
                >
                  {ROLES.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>{a.spans}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mg-row">
        <button type="button" className="mg-primary" onClick={props.onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
