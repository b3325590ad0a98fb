/**
 * `marginalia feedback PROJECT [--annotator NAME] [--json]`: what review changed in one annotator's
 * layer, document by document, with the reviewer's reasons (docs/adjudication.md, Feedback). The
 * annotator defaults to the local user; another annotator's feedback is for reviewers and owners.
 */
import type {
  DocumentFeedback,
  FeedbackItemView,
  FeedbackSpanView,
  RelationFeedbackItemView,
} from '../contract/feedback';
import { changeText, decisionText, FEEDBACK_KIND_WORDS, type FeedbackDecision } from '../core/feedback';
import { relationChangeText, RELATION_FEEDBACK_WORDS } from '../core/relationFeedback';
import type { Open, Values } from './agreement';

export const FEEDBACK_USAGE = `  feedback PROJECT           what review changed in your layer against gold, per document: kept,
                             boundary moved, relabelled, removed, added (and relations kept,
                             retyped, removed, added), with the reviewer's reason
      --annotator NAME       another annotator's layer (reviewers and owners only)
      --json                 the same as JSON, one object per document`;

const spanText = (span: FeedbackSpanView, names: ReadonlyMap<string, string>) =>
  `${names.get(span.label) ?? span.label} "${span.text}"`;

const why = (decision: FeedbackDecision | null) => (decision ? ` — ${decisionText(decision)}` : '');

/** One change as a line: what it was, what it became, and why. */
export function feedbackLine(item: FeedbackItemView, names: ReadonlyMap<string, string>): string {
  const what = changeText(item, (span) => spanText(span, names));
  return `${FEEDBACK_KIND_WORDS[item.kind]}: ${what}${why(item.decision)}`;
}

/** One relation change as a line: "relation retyped: Hedge "may" scopes → in Claim "…" — rita: …". */
export function relationFeedbackLine(
  item: RelationFeedbackItemView,
  names: ReadonlyMap<string, string>,
): string {
  const what = relationChangeText(item, (span) => spanText(span, names));
  return `relation ${RELATION_FEEDBACK_WORDS[item.kind]}: ${what}${why(item.decision)}`;
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
        for (const item of feedback.relations) console.log(`  ${relationFeedbackLine(item, names)}`);
        if (!feedback.items.length && !feedback.relations.length)
          console.log('  nothing of yours here, and nothing added');
      }
      return 0;
    });
}
