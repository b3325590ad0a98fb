/**
 * Use cases of the span panel and the schema editor: typed attributes, notes, fragments,
 * relations and schema changes. Every value is checked against the project schema before the
 * store writes it, so a bad call stores nothing.
 */
import type { ApiHandlers } from '../contract/api';
import type { Session } from '../contract/types';
import { attributeProblem } from '../core/attributes';
import { UserError } from '../core/errors';
import { NO_RENAMES } from '../core/schemaRenames';
import { describeImpact, isHarmless } from '../core/schemaRules';
import { fragmentsProblem } from '../core/spans';
import type { ProjectStore } from '../store/projectStore';

type DetailMethod =
  | 'setSpanAttribute'
  | 'setSpanNote'
  | 'setSpanFragments'
  | 'addRelation'
  | 'deleteRelation'
  | 'schemaImpact'
  | 'updateSchema';

/** The longest note kept; longer ones are refused rather than cut. */
const MAX_NOTE = 10_000;

export function spanDetailHandlers(
  annotating: () => { store: ProjectStore; annotatorId: number },
  session: () => Session,
): Pick<ApiHandlers, DetailMethod> {
  const spanOf = (store: ProjectStore, spanId: number) => {
    const span = store.getSpan(spanId);
    if (!span) throw new UserError(`span ${spanId} does not exist`);
    return span;
  };

  return {
    setSpanAttribute: ({ spanId, name, value }) => {
      const { store, annotatorId } = annotating();
      const span = spanOf(store, spanId);
      const label = store.schema().labels.find((l) => l.key === span.label);
      if (!label) throw new UserError(`the schema has no label "${span.label}"`);
      const problem = attributeProblem(label, name, value);
      if (problem) throw new UserError(`cannot set ${name}: ${problem}`);
      return store.setSpanAttribute(annotatorId, spanId, name, value);
    },

    setSpanNote: ({ spanId, note }) => {
      const { store, annotatorId } = annotating();
      const text = note?.trim() ? note.trim() : null;
      if (text && text.length > MAX_NOTE) throw new UserError(`a note holds at most ${MAX_NOTE} characters`);
      return store.setSpanNote(annotatorId, spanId, text);
    },

    setSpanFragments: ({ spanId, fragments }) => {
      const { store, annotatorId } = annotating();
      const span = spanOf(store, spanId);
      const document = store.getDocument(span.documentId)!;
      const problem = fragmentsProblem(document.text, fragments);
      if (problem) throw new UserError(`cannot change the fragments: ${problem}`);
      return store.setSpanFragments(annotatorId, spanId, fragments);
    },

    addRelation: ({ type, fromSpan, toSpan }) => {
      const { store, annotatorId } = annotating();
      return store.addRelation(annotatorId, { type, fromSpan, toSpan });
    },

    deleteRelation: ({ relationId }) => {
      const { store, annotatorId } = annotating();
      store.deleteRelation(annotatorId, relationId);
      return { relationId };
    },

    schemaImpact: ({ schema, renames = NO_RENAMES }) => {
      const { store } = annotating();
      return store.schemaImpact(schema, renames);
    },

    // The store checks the schema and plans the change once, inside the save; unconfirmed removals stop it there.
    updateSchema: ({ schema, renames = NO_RENAMES, confirmRemovals }) => {
      const { store, annotatorId } = annotating();
      store.replaceSchema(annotatorId, schema, renames, (impact) => {
        if (!isHarmless(impact) && !confirmRemovals)
          throw new UserError(`this change would remove ${describeImpact(impact)}; confirm to go ahead`);
      });
      return session();
    },
  };
}
