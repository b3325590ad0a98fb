/**
 * Project search for a text: which documents to read (the text index's candidates when it can
 * answer, else every document the user may see), read one at a time with the one matcher of
 * core/search.ts; and the same as a job whose hits are read while it runs (startSearch, searchHits),
 * for regular expressions over a large project: progress, Cancel, and the hits found so far kept.
 */
import type { ApiHandlers } from '../contract/api';
import type { SearchResult, SearchResults } from '../contract/types';
import { UserError } from '../core/errors';
import { compileQuery, contextOf, findMatches, type CompiledQuery, type TextQuery } from '../core/search';
import { documentIds } from '../store/documentPages';
import type { ProjectStore } from '../store/projectStore';
import { indexedTo, pendingDocumentIds, textCandidates } from '../store/textIndex';
import { blindScope } from './blind';
import type { JobRunner } from './jobs';
import type { ProjectAccess } from './projectAccess';

/** Search results are capped: a regex like "." would otherwise list a whole project. */
export const SEARCH_CAP = 500;
/** Search jobs whose hits are kept for searchHits, the oldest dropped first. */
const KEEP_SEARCHES = 4;

/**
 * The documents a project search for `query` reads, in import order: under blind annotation only
 * the user's own. A plain text is looked up in the text index, and the documents the index does not
 * cover yet are read; a regular expression, or a text the index cannot answer exactly
 * (store/textIndex.ts), is read in every document. Candidates are checked against the user's
 * assignments lazily: a search stops at its cap.
 */
export function* documentsToSearch(store: ProjectStore, who: number, query: TextQuery): Generator<number> {
  const onlyAssigned = blindScope(store, who).onlyAssigned;
  // Read together: the index's candidates cover the documents up to the watermark, the rest is read.
  const upTo = indexedTo(store.database);
  const candidates = query.regex
    ? null
    : textCandidates(store.database, query.pattern, !!query.caseSensitive);
  if (!candidates) {
    yield* documentIds(store.database, { annotatorId: who, onlyAssigned, status: null });
    return;
  }
  const pending = pendingDocumentIds(store.database, upTo);
  for (const id of [...candidates, ...pending]) if (!onlyAssigned || store.team.isAssigned(id, who)) yield id;
}

/** The matches of `query` in one document, at most `room`, as results. */
export function hitsInDocument(
  store: ProjectStore,
  documentId: number,
  query: CompiledQuery,
  room: number,
): SearchResult[] {
  const document = store.getDocument(documentId);
  if (!document) return [];
  return findMatches(document.text, query, room).map((match) => ({
    documentId,
    title: document.title,
    ...match,
    context: contextOf(document.text, match.start, match.end),
  }));
}

/** A project search for a text in one call (the word search; a large regex search is a job). */
export function searchProjectText(store: ProjectStore, who: number, text: TextQuery): SearchResults {
  const query = compileQuery(text);
  const results: SearchResult[] = [];
  // One more than the cap, to know whether the cap was reached.
  for (const id of documentsToSearch(store, who, text)) {
    if (results.length > SEARCH_CAP) break;
    results.push(...hitsInDocument(store, id, query, SEARCH_CAP + 1 - results.length));
  }
  return { results: results.slice(0, SEARCH_CAP), capped: results.length > SEARCH_CAP, cap: SEARCH_CAP };
}

interface Found {
  results: SearchResult[];
  capped: boolean;
}

export function projectSearchHandlers(
  access: ProjectAccess,
  jobs: JobRunner,
): Pick<ApiHandlers, 'startSearch' | 'searchHits'> {
  const searches = new Map<string, Found>();
  return {
    startSearch: ({ text }) => {
      const { store, annotatorId } = access.annotating();
      // Compiled before the job: a bad pattern is refused in words and no job starts.
      const query = compileQuery(text);
      const ids = [...documentsToSearch(store, annotatorId, text)];
      const found: Found = { results: [], capped: false };
      const jobId = jobs.start('search', async (context) => {
        for (let i = 0; i < ids.length; i++) {
          context.progress('reading', i, ids.length);
          await context.checkpoint();
          found.results.push(...hitsInDocument(store, ids[i]!, query, SEARCH_CAP + 1 - found.results.length));
          if (found.results.length > SEARCH_CAP) {
            found.results.length = SEARCH_CAP;
            found.capped = true;
            break;
          }
        }
        context.progress('reading', ids.length, ids.length);
        return { results: [...found.results], capped: found.capped, cap: SEARCH_CAP };
      });
      searches.set(jobId, found);
      for (const old of [...searches.keys()].slice(0, Math.max(0, searches.size - KEEP_SEARCHES)))
        searches.delete(old);
      return { jobId };
    },

    searchHits: ({ jobId, from }) => {
      const found = searches.get(jobId);
      if (!found) throw new UserError(`no search ${jobId}: start the search again`);
      const { state, done, total } = jobs.get(jobId);
      return {
        results: found.results.slice(from),
        from,
        state,
        done,
        total,
        capped: found.capped,
        cap: SEARCH_CAP,
      };
    },
  };
}
