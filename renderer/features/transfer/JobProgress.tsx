/** A running job: what it is doing, a progress bar, and Cancel; and how a dialog's job ended. */
import type { ReactNode } from 'react';
import type { JobStatus } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { FollowedJob } from './useJob';

const PHASES: Record<JobStatus['phase'], string> = {
  starting: 'Starting',
  reading: 'Reading files',
  checking: 'Checking',
  writing: 'Writing',
  computing: 'Computing documents',
  finished: 'Finished',
};

const KINDS: Record<JobStatus['kind'], string> = {
  import: 'Import',
  export: 'Export',
  agreement: 'Agreement',
  search: 'Search',
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
        aria-label={`${KINDS[status.kind]} progress`}
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

/**
 * The lower part of an import or export dialog once its job has started: progress while it runs,
 * then cancelled, failed or the result (`children`), and Close.
 */
export function JobOutcome(props: {
  noun: 'Import' | 'Export';
  job: FollowedJob;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { status, running } = props.job;
  return (
    <>
      {status && running && <JobProgress status={status} />}
      {status?.state === 'cancelled' && <p role="status">{props.noun} cancelled; nothing was written.</p>}
      {status?.state === 'failed' && (
        <p className="mg-danger">
          {props.noun} failed: {status.error}
        </p>
      )}
      {props.children}
      {!running && (
        <div className="mg-row">
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
