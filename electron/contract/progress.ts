/** The progress part of the API: the dashboard's figures (core/progress.ts, docs/teams.md). */
import { z } from 'zod';
import type { ProgressReport } from '../core/progress';

export type { AnnotatorProgress, DocumentProgress, ProgressReport } from '../core/progress';

export const progressArgs = {
  /** Figures per person and per document; documents a page at a time, in import order. */
  getProgress: z.strictObject({
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(50),
  }),
};

export interface ProgressResults {
  getProgress: ProgressReport;
}
