/**
 * Progress figures (issue 12, the dashboard and `marginalia progress`): the rule for active time
 * from the event log, and the report's shape. The store adds up counts in SQL and splits each
 * person's events into sessions with the gap below; this file turns sessions into seconds and puts
 * the report together. docs/teams.md, Progress, states the rule for users.
 */
import type { DocumentStatus } from './documentStatus';
import type { Role } from './layers';

/** Two events of one person at most this far apart belong to one working session. */
export const IDLE_GAP_SECONDS = 5 * 60;
/** A session counts at least this long: one tag or status change is some work, not none. */
export const MIN_SESSION_SECONDS = 30;

/** A working session: its first and last event, in seconds since 1970. */
export interface Session {
  first: number;
  last: number;
}

/** A person's event times (seconds, any order) split where two neighbours are over the gap apart. */
export function sessionsOf(times: readonly number[]): Session[] {
  const sorted = [...times].sort((a, b) => a - b);
  const sessions: Session[] = [];
  for (const t of sorted) {
    const current = sessions[sessions.length - 1];
    if (current && t - current.last <= IDLE_GAP_SECONDS) current.last = t;
    else sessions.push({ first: t, last: t });
  }
  return sessions;
}

/**
 * `sessions` with later events added (seconds, in time order), as `sessionsOf` would split them
 * all; null when one is earlier than the last session's end (a clock set back, an old merge), after
 * which the caller splits everything again.
 */
export function extendSessions(sessions: readonly Session[], times: readonly number[]): Session[] | null {
  const out = sessions.map((s) => ({ ...s }));
  for (const t of times) {
    const last = out[out.length - 1];
    if (last && t < last.last) return null;
    if (last && t - last.last <= IDLE_GAP_SECONDS) last.last = t;
    else out.push({ first: t, last: t });
  }
  return out;
}

/** Active time: each session from its first event to its last, and at least MIN_SESSION_SECONDS. */
export function activeSeconds(sessions: readonly Session[]): number {
  return Math.round(sessions.reduce((sum, s) => sum + Math.max(s.last - s.first, MIN_SESSION_SECONDS), 0));
}

/** One person's progress over the project. */
export interface AnnotatorProgress {
  /** Stable id (UUID). */
  id: string;
  name: string;
  role: Role;
  /** Their documents: those assigned to them, or every document when nothing is assigned. */
  documents: number;
  todo: number;
  inProgress: number;
  done: number;
  /** Spans in their own layer (gold spans they wrote are counted under the document, not here). */
  spans: number;
  activeSeconds: number;
  /** ISO time of their latest event, or of the latest merge of their work; null when none. */
  lastActivity: string | null;
  /** Spans of their layer per label name, in the schema's order; labels with none left out. */
  labels: { label: string; spans: number }[];
}

/** One document: each person who has it (assigned, a status or spans) and the totals. */
export interface DocumentProgress {
  id: number;
  title: string;
  /** done when everyone who has it is done; in progress once anyone started; else todo. */
  status: DocumentStatus;
  annotators: { name: string; status: DocumentStatus; assigned: boolean; spans: number }[];
  /** Spans of every annotator's layer (gold apart). */
  spans: number;
  gold: number;
  activeSeconds: number;
  lastActivity: string | null;
}

export interface ProgressReport {
  /** Documents of the project by status (done: everyone who has it is done). */
  documents: { total: number; todo: number; inProgress: number; done: number };
  annotators: AnnotatorProgress[];
  /** One page of documents in import order, and how many there are in all. */
  documentPage: { offset: number; total: number; rows: DocumentProgress[] };
  /** True when the reader sees only their own row and documents (blind annotation). */
  ownOnly: boolean;
}

/** A person's counts as the store adds them up; `statuses` counts only their documents' rows. */
export interface AnnotatorCounts {
  id: string;
  name: string;
  role: Role;
  documents: number;
  inProgress: number;
  done: number;
  lastActivity: string | null;
}

/**
 * The annotators' rows from the store's sums: status counts (todo is what is neither started nor
 * done), spans per label in `labelOrder`, active time from their sessions.
 */
export function annotatorProgress(
  people: readonly AnnotatorCounts[],
  spans: ReadonlyMap<string, ReadonlyMap<string, number>>,
  sessions: ReadonlyMap<string, readonly Session[]>,
  labelOrder: readonly string[],
): AnnotatorProgress[] {
  return people.map((p) => {
    const perLabel = spans.get(p.id) ?? new Map<string, number>();
    const labels = labelOrder
      .filter((label) => (perLabel.get(label) ?? 0) > 0)
      .map((label) => ({ label, spans: perLabel.get(label)! }));
    return {
      ...p,
      todo: Math.max(0, p.documents - p.inProgress - p.done),
      spans: [...perLabel.values()].reduce((a, b) => a + b, 0),
      activeSeconds: activeSeconds(sessions.get(p.id) ?? []),
      labels,
    };
  });
}

/** "1 h 05 min", "12 min", "40 s": active time as a table shows it. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
