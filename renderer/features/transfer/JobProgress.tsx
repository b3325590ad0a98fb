/** A running job: what it is doing, a progress bar, and Cancel. */
import type { JobStatus } from '../../../electron/contract/types';
import { api } from '../../api/client';

const PHASES: Record<JobStatus['phase'], string> = {
  starting: 'Starting',
  reading: 'Reading files',
  checking: 'Checking',
  writing: 'Writing',
  finished: 'Finished',
};

export function JobProgress({ status }: { status: JobStatus }) {
  const fraction = status.total > 0 ? status.done / status.total : 0;
  return (
    <div className="mg-job">
      <div className="mg-job-phase">
        {PHASES[status.phase]}
        {status.total > 0 && ` ${status.done} of ${status.total}`}
        {status.message && <span className="mg-muted"> · {status.message}</span>}
      </div>
      <progress
        className="mg-progress"
        aria-label={`${status.kind === 'import' ? 'Import' : 'Export'} progress`}
        value={status.state === 'running' ? fraction : 1}
        max={1}
      />
      {status.state === 'running' && (
        <button type="button" onClick={() => void api.cancelJob({ id: status.id })}>
          Cancel
        </button>
      )}
    </div>
  );
}
