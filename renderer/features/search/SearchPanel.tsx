/**
 * Search in the open document or across the project: plain text or a regular expression, and/or
 * spans of a label with an attribute value. The search runs in the services layer; only the
 * results (with context) come back. Choosing a result opens its document at the place.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ProjectSchema, SearchResult, SearchResults } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { SearchHits } from '../../editor/searchHits';
import type { Notices } from '../../ui/notices';
import { useSearchJob } from './useSearchJob';

/** What a search has found and which result was chosen, while the panel is open. */
export interface FoundHits {
  results: readonly SearchResult[];
  chosen: number | null;
}

/** The hits of one document among the found results, to highlight in its text. */
export function hitsIn(documentId: number, found: FoundHits | null): SearchHits | null {
  if (!found) return null;
  const ranges: { start: number; end: number }[] = [];
  let current: number | null = null;
  found.results.forEach((result, index) => {
    if (result.documentId !== documentId) return;
    if (index === found.chosen) current = ranges.length;
    ranges.push({ start: result.start, end: result.end });
  });
  return { ranges, current };
}

export function SearchPanel(props: {
  /** Null: the whole project. */
  documentId: number | null;
  /** A new value puts the cursor in the search field. */
  focusKey: number;
  schema: ProjectSchema;
  notices: Notices;
  onResult: (result: SearchResult) => void;
  /** Told what is found and chosen, and null when the panel closes, so the text shows the hits. */
  onHits?: (found: FoundHits | null) => void;
}) {
  const [pattern, setPattern] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [label, setLabel] = useState('');
  const [attribute, setAttribute] = useState('');
  const [value, setValue] = useState('');
  const [layers, setLayers] = useState<'own' | 'all'>('own');
  const [answer, setAnswer] = useState<SearchResults | null>(null);
  const [problem, setProblem] = useState('');
  // A regular expression over the project runs as a job: its hits come in while it reads.
  const searchJob = useSearchJob(setProblem);
  const { job } = searchJob;
  const found = useMemo(
    () => (job ? { results: job.results, capped: job.capped, cap: job.cap } : answer),
    [job, answer],
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [props.focusKey]);
  const { onHits } = props;
  useEffect(() => onHits?.(found && { results: found.results, chosen }), [found, chosen, onHits]);
  useEffect(() => () => onHits?.(null), [onHits]);

  const labelDef = props.schema.labels.find((l) => l.key === label);
  const attributeDef = labelDef?.attributes.find((a) => a.name === attribute);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setProblem('');
    if (!pattern && !label) return setProblem('Type a text to find, or choose a label.');
    setChosen(null);
    if (props.documentId === null && pattern && regex && !label) {
      setAnswer(null);
      return void searchJob.run({ pattern, regex, caseSensitive, wholeWord });
    }
    searchJob.clear();
    try {
      const results = await api.search({
        ...(props.documentId === null ? {} : { documentId: props.documentId }),
        ...(pattern ? { text: { pattern, regex, caseSensitive, wholeWord } } : {}),
        ...(label ? { label } : {}),
        ...(label && attribute ? { attributes: { [attribute]: value } } : {}),
        ...(label ? { layers } : {}),
      });
      setAnswer(results);
    } catch (error) {
      setAnswer(null);
      setProblem((error as Error).message);
    }
  };

  const scope = props.documentId === null ? 'the project' : 'this document';
  return (
    <div className="mg-search">
      <form onSubmit={(e) => void search(e)} aria-label={`Search ${scope}`}>
        <input
          type="search"
          ref={input}
          aria-label="Search text"
          placeholder={`Find in ${scope}…`}
          value={pattern}
          onChange={(e) => setPattern(e.target.value)}
        />
        <div className="mg-search-options">
          <label>
            <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> Regex
          </label>
          <label>
            <input
              type="checkbox"
              checked={caseSensitive}
              onChange={(e) => setCaseSensitive(e.target.checked)}
            />{' '}
            Match case
          </label>
          <label>
            <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord(e.target.checked)} />{' '}
            Whole words
          </label>
        </div>
        <div className="mg-search-options">
          <select
            aria-label="Only spans of label"
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              setAttribute('');
              setValue('');
            }}
          >
            <option value="">Any text</option>
            {props.schema.labels.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name} spans
              </option>
            ))}
          </select>
          {label && (
            <select
              aria-label="Whose spans"
              value={layers}
              onChange={(e) => setLayers(e.target.value === 'all' ? 'all' : 'own')}
            >
              <option value="own">in my layer</option>
              <option value="all">in every layer</option>
            </select>
          )}
          {labelDef && labelDef.attributes.length > 0 && (
            <select aria-label="Attribute" value={attribute} onChange={(e) => setAttribute(e.target.value)}>
              <option value="">any attributes</option>
              {labelDef.attributes.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name} =
                </option>
              ))}
            </select>
          )}
          {attributeDef &&
            (attributeDef.type === 'enum' || attributeDef.type === 'bool' ? (
              <select aria-label="Attribute value" value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="">(none)</option>
                {(attributeDef.type === 'bool' ? ['true', 'false'] : attributeDef.options).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input aria-label="Attribute value" value={value} onChange={(e) => setValue(e.target.value)} />
            ))}
        </div>
        <button type="submit" className="mg-primary">
          Search
        </button>
      </form>
      {problem && (
        <p className="mg-search-problem" role="alert">
          {problem}
        </p>
      )}
      {job?.state === 'running' && (
        <div className="mg-job" role="status">
          <div className="mg-job-phase">
            Searching… {job.done} of {job.total} documents
          </div>
          <progress
            className="mg-progress"
            aria-label="Search progress"
            value={job.total > 0 ? job.done / job.total : 0}
            max={1}
          />
          <button type="button" onClick={searchJob.cancel}>
            Cancel
          </button>
        </div>
      )}
      {job?.state === 'cancelled' && (
        <p role="status" className="mg-search-count">
          Search cancelled after {job.done} of {job.total} documents; the results found until then are listed.
        </p>
      )}
      {found && (
        <>
          <p className="mg-search-count" aria-live="polite">
            {job?.state === 'running'
              ? `${found.results.length} ${found.results.length === 1 ? 'result' : 'results'} so far`
              : found.results.length === 0
                ? 'Nothing found.'
                : found.capped
                  ? `Showing the first ${found.cap} results; there are more. Narrow the search.`
                  : `${found.results.length} ${found.results.length === 1 ? 'result' : 'results'}`}
          </p>
          <ol className="mg-results" aria-label="Search results">
            {found.results.map((result, index) => (
              <li key={`${result.documentId}:${result.start}:${result.spanId ?? ''}`}>
                <button
                  type="button"
                  className={index === chosen ? 'mg-result mg-result-chosen' : 'mg-result'}
                  onClick={() => {
                    setChosen(index);
                    props.onResult(result);
                  }}
                >
                  {props.documentId === null && <span className="mg-result-title">{result.title}</span>}
                  {result.owner && (
                    <span className="mg-result-owner">
                      {result.owner === 'gold' ? 'gold layer' : `${result.owner}’s layer`}
                    </span>
                  )}
                  <span className="mg-result-context">
                    {result.label && (
                      <span
                        className={`mg-chip mg-label-${props.schema.labels.findIndex((l) => l.key === result.label)}`}
                      >
                        {result.label}
                      </span>
                    )}
                    {result.context.before}
                    <mark>{result.context.match}</mark>
                    {result.context.after}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
