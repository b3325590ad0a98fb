/**
 * `marginalia feedback PROJECT [--annotator NAME] [--json]`: what review changed in one annotator's
 * layer, document by document, with the reviewer's reasons (docs/adjudication.md, Feedback). The
 * annotator defaults to the local user; another annotator's feedback is for reviewers and owners.
 */
import type { DocumentFeedback, FeedbackItemView, FeedbackSpanView } from '../contract/feedback';
import type { FeedbackKind } from '../core/feedback';
import type { HeadlessProject } from '../services/headless';

type Values = Record<string, string | boolean | string[] | undefined>;
type Open = (
  command: string,
  access: 'read' | 'write',
  path: string | undefined,
  use: (project: HeadlessProject) => Promise<number>,
) => Promise<number>;

export const FEEDBACK_USAGE = `  feedback PROJECT           what review changed in your layer against gold, per document: kept,
                             boundary moved, relabelled, removed, added, with the reviewer's reason
      --annotator NAME       another annotator's layer (reviewers and owners only)
      --json                 the same as JSON, one object per document`;

/** How each kind reads in a sentence. */
export const KIND_WORDS: Record<FeedbackKind, string> = {
  kept: 'kept',
  boundary: 'boundary moved',
  relabelled: 'relabelled',
  removed: 'removed',
  added: 'added by the reviewer',
};

const spanText = (span: FeedbackSpanView, names: ReadonlyMap<string, string>) =>
  `${names.get(span.label) ?? span.label} "${span.text}"`;

/** One change as a line: what it was, what it became, and why. */
export function feedbackLine(item: FeedbackItemView, names: ReadonlyMap<string, string>): string {
  const what =
    item.kind === 'added'
      ? spanText(item.gold!, names)
      : item.kind === 'removed' || item.kind === 'kept'
        ? spanText(item.mine!, names)
        : `${spanText(item.mine!, names)} → ${spanText(item.gold!, names)}`;
  const why = item.decision
    ? ` — ${item.decision.reviewer}${item.decision.auto ? ' (auto)' : ''}${item.decision.reason ? `: ${item.decision.reason}` : ''}`
    : '';
  return `${KIND_WORDS[item.kind]}: ${what}${why}`;
}

export function feedbackCommand(open: Open) {
  return ([project]: string[], values: Values): Promise<number> =>
    open('feedback', 'read', project, async (headless) => {
      const annotator = typeof values.annotator === 'string' ? values.annotator : undefined;
      const names = new Map(headless.summary().schema.labels.map((l) => [l.key, l.name]));
      const all: DocumentFeedback[] = [];
      for (const document of await headless.call('listDocuments', {}))
        all.push(
          await headless.call('getFeedback', {
            documentId: document.id,
            ...(annotator ? { annotator } : {}),
          }),
        );
      const shown = all.filter((f) => f.reviewed);
      if (values.json) {
        console.log(JSON.stringify(shown, null, 2));
        return 0;
      }
      if (!shown.length) console.log('no document is reviewed yet: there is no feedback to show');
      for (const feedback of shown) {
        console.log(`${feedback.title} (document ${feedback.documentId}), ${feedback.annotator}'s layer:`);
        for (const item of feedback.items) console.log(`  ${feedbackLine(item, names)}`);
        if (!feedback.items.length) console.log('  nothing of yours here, and nothing added');
      }
      return 0;
    });
}
