/**
 * The project's annotation guidelines: Markdown stored in the project file, shown beside the text
 * and editable. Rendered with marked and sanitised with DOMPurify, since a project file may come
 * from anyone.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

export function GuidelinesPanel({ notices }: { notices: Notices }) {
  const { run } = notices;
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);

  useEffect(() => {
    void run(() => api.getGuidelines({})).then((result) => result && setMarkdown(result.markdown));
  }, [run]);

  const html = useMemo(() => DOMPurify.sanitize(marked.parse(markdown ?? '', { async: false })), [markdown]);

  const save = async () => {
    const saved = await run(() => api.setGuidelines({ markdown: draft ?? '' }));
    if (!saved) return;
    setMarkdown(saved.markdown);
    setDraft(null);
  };

  if (markdown === null) return <p className="mg-empty">Loading…</p>;
  if (draft !== null) {
    return (
      <div className="mg-guidelines">
        <textarea
          aria-label="Guidelines (Markdown)"
          value={draft}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="mg-row">
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
          <button type="button" className="mg-primary" onClick={() => void save()}>
            Save guidelines
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="mg-guidelines">
      {markdown ? (
        // Sanitised above: DOMPurify removes scripts, event handlers and javascript: links.
        <div className="mg-guidelines-text" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <p className="mg-empty">No guidelines yet. Write them in Markdown for everyone on the project.</p>
      )}
      <button type="button" onClick={() => setDraft(markdown)}>
        Edit guidelines
      </button>
    </div>
  );
}
