/**
 * Reading Label Studio exports and task files as Label Studio writes and accepts them: what a user
 * gets (ids, titles, annotators, spans, relations) and, for what is refused, a problem naming the file,
 * the line of the task and what to look at.
 */
import { describe, expect, it } from 'vitest';
import { readLabelStudio } from './labelStudioRead';
import type { InputFile } from './model';

const read = (files: InputFile[]) => readLabelStudio(files, { defaultAnnotator: 'me' });
const readJson = (value: unknown, path = 'export.json') =>
  read([{ path, content: JSON.stringify(value, null, 1) }]);

const TEXT = 'Police said 47 died in Karachi.';
const region = (id: string, start: number, end: number, label: string, text?: string) => ({
  id,
  type: 'labels',
  from_name: 'label',
  to_name: 'text',
  value: { start, end, ...(text === undefined ? {} : { text }), labels: [label] },
});
const HEDGE = region('h', 7, 11, 'Hedge', 'said');
const FIGURE = region('f', 12, 14, 'Figure', '47');

describe('Label Studio reader: tasks', () => {
  it('takes the document id from data.id, else the task id, else the file name and position', () => {
    const { documents } = readJson([
      { id: 5, data: { id: 'flood-1', text: TEXT } },
      { id: 6, data: { text: TEXT } },
      { data: { text: TEXT } },
    ]);
    expect(documents.map((d) => [d.id, d.source])).toEqual([
      ['flood-1', { labelStudioTask: '5' }],
      ['6', { labelStudioTask: '6' }],
      ['export-3', { labelStudioTask: null }],
    ]);
  });

  it('keeps a stated title and status, else titles by the first line and marks the document to do', () => {
    const { documents } = readJson([
      { data: { text: 'Line one\nline two', title: 'Flood', status: 'done' } },
      { data: { text: '\n  Line one  \nline two', status: 'finished' } },
    ]);
    expect(documents.map((d) => [d.title, d.status])).toEqual([
      ['Flood', 'done'],
      ['Line one', 'todo'],
    ]);
  });

  it('reads a task that is its data alone, a single task object, and a file starting with a BOM', () => {
    const plain = readJson([{ text: TEXT, id: 'x' }]);
    expect(plain.documents.map((d) => [d.id, d.text])).toEqual([['x', TEXT]]);
    const single = read([{ path: 'one.json', content: `\uFEFF${JSON.stringify({ data: { text: TEXT } })}` }]);
    expect(single.problems).toEqual([]);
    expect(single.documents.map((d) => d.id)).toEqual(['one-1']);
    const bad = read([{ path: 'bad.json', content: '{"data": {"text": ""}}' }]);
    expect(bad.problems).toEqual([
      { file: 'bad.json', line: 1, message: 'task 1: data.text must be a non-empty string' },
    ]);
    const inner = read([{ path: 'z.json', content: '[{"data": {"text": "a\uFEFFb"}}]' }]);
    expect(inner.documents[0]!.text).toBe('a\uFEFFb');
  });

  it('normalises CRLF in the text and moves UTF-16 offsets onto it', () => {
    const { documents, problems } = readJson([
      {
        data: { text: 'A\r\nPolice said.' },
        annotations: [{ result: [region('h', 10, 14, 'Hedge', 'said')] }],
      },
    ]);
    expect(problems).toEqual([]);
    const doc = documents[0]!;
    expect(doc.text).toBe('A\nPolice said.');
    expect(doc.spans[0]!.fragments).toEqual([{ start: 9, end: 13 }]);
  });

  it('refuses a task that is no object or has no text, naming the file, the line of the task and its number', () => {
    const { documents, problems } = read([
      {
        path: 'tasks.json',
        content:
          '[\n  "just text",\n  {"data": {"text": ""}},\n  {"data": {"title": "x"}},\n  {"data": {"text": "ok"}}\n]',
      },
    ]);
    expect(problems).toEqual([
      { file: 'tasks.json', line: 2, message: 'task 1: a task must be a JSON object' },
      { file: 'tasks.json', line: 3, message: 'task 2: data.text must be a non-empty string' },
      { file: 'tasks.json', line: 4, message: 'task 3: data.text must be a non-empty string' },
    ]);
    expect(documents.map((d) => d.text)).toEqual(['ok']);
  });

  it('refuses a task holding a lone surrogate, which cannot be stored', () => {
    const { documents, problems } = read([{ path: 't.json', content: '[{"data": {"text": "a\\ud800b"}}]' }]);
    expect(documents).toEqual([]);
    expect(problems).toEqual([
      {
        file: 't.json',
        line: 1,
        message: expect.stringMatching(/^task 1: "data.text" holds a lone surrogate/),
      },
    ]);
  });

  it('names the line and the parser message of invalid JSON, and reads the other files', () => {
    const { documents, problems } = read([
      { path: 'bad.json', content: '[\n{"data": {"text": "a"}},\n{"data": }\n]' },
      { path: 'good.json', content: '[{"data": {"text": "fine"}}]' },
    ]);
    expect(problems).toEqual([
      { file: 'bad.json', line: 3, message: expect.stringMatching(/^not valid JSON: \S/) },
    ]);
    expect(documents.map((d) => d.text)).toEqual(['fine']);
  });

  it('reads a labeling config among the files as the schema, and skips other files with a warning', () => {
    const { schema, warnings, documents } = read([
      {
        path: 'config.XML',
        content: '<View><Labels><Label value="Claim" background="#d9480f"/></Labels></View>',
      },
      { path: 'readme.txt', content: 'hello' },
    ]);
    expect(schema!.labels.map((l) => l.key)).toEqual(['Claim']);
    expect(documents).toEqual([]);
    expect(warnings).toEqual([
      { file: 'readme.txt', message: 'not a Label Studio .json or labeling config .xml; skipped' },
    ]);
    expect(readJson([]).schema).toBeUndefined();
  });
});

describe('Label Studio reader: annotations and predictions', () => {
  it('names each annotation by its user: completed_by email or username, created_username without its id, else the default', () => {
    const { documents } = readJson([
      {
        data: { text: TEXT },
        annotations: [
          { completed_by: { email: 'ann@example.org', username: 'ann' }, result: [HEDGE] },
          { completed_by: { username: 'bo' }, result: [HEDGE] },
          { created_username: ' cy@example.org, 12 ', result: [HEDGE] },
          { completed_by: 3, result: [HEDGE] },
          { created_username: 'dee@example.org,7', result: [HEDGE] },
          { created_username: 'night desk, 2nd shift, 4', result: [HEDGE] },
        ],
        predictions: [{ model_version: 'ner-v2', result: [FIGURE] }, { result: [FIGURE] }],
      },
    ]);
    expect(documents[0]!.spans.map((s) => [s.key, s.annotator, s.origin])).toEqual([
      ['a1:h', 'ann@example.org', 'imported'],
      ['a2:h', 'bo', 'imported'],
      ['a3:h', 'cy@example.org', 'imported'],
      ['a4:h', 'me', 'imported'],
      ['a5:h', 'dee@example.org', 'imported'],
      ['a6:h', 'night desk, 2nd shift', 'imported'],
      ['p1:f', 'ner-v2', 'suggested'],
      ['p2:f', 'me', 'suggested'],
    ]);
  });

  it('reads the older "completions" like annotations, and leaves out cancelled ones with a warning', () => {
    const { documents, warnings } = readJson([
      {
        data: { text: TEXT },
        completions: [{ result: [HEDGE] }, { was_cancelled: true, result: [FIGURE] }],
      },
    ]);
    expect(documents[0]!.spans.map((s) => s.key)).toEqual(['a1:h']);
    expect(warnings).toEqual([
      {
        file: 'export.json',
        line: 2,
        message: 'task 1: annotation 2 was cancelled in Label Studio; left out',
      },
    ]);
  });

  it('refuses annotations or predictions that are not lists, and entries without a result list', () => {
    const { problems } = readJson([
      { data: { text: TEXT }, annotations: {}, predictions: 'none' },
      { data: { text: TEXT }, annotations: [{ result: {} }, 7], predictions: [{}] },
    ]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'task 1: annotations must be a list'],
      [2, 'task 1: predictions must be a list'],
      [9, 'task 2: annotation 1 needs a result list'],
      [9, 'task 2: annotation 2 needs a result list'],
      [9, 'task 2: prediction 1 needs a result list'],
    ]);
  });
});

describe('Label Studio reader: results', () => {
  const readResults = (result: unknown[], text = TEXT) => {
    const out = readJson([{ data: { text }, annotations: [{ result }] }]);
    const doc = out.documents[0]!;
    return {
      ...out,
      doc,
      spans: doc.spans.map((s) => [
        s.key,
        s.label,
        doc.text.slice(s.fragments[0]!.start, s.fragments[0]!.end),
      ]),
      messages: out.problems.map((p) => p.message),
    };
  };

  it('makes a span per label of a region, numbering ids when a region has several labels or none', () => {
    const both = {
      ...region('x', 23, 30, 'Location', 'Karachi'),
      value: { start: 23, end: 30, labels: ['Location', 'Place'] },
    };
    const { spans, problems } = readResults([both, { ...FIGURE, id: undefined }]);
    expect(problems).toEqual([]);
    expect(spans).toEqual([
      ['a1:x', 'Location', 'Karachi'],
      ['a1:x#2', 'Place', 'Karachi'],
      ['a1:2', 'Figure', '47'],
    ]);
  });

  it('leaves out results of other kinds with a warning naming the kind', () => {
    const { warnings, spans } = readResults([
      { id: 'c', type: 'choices', value: { choices: ['ok'] } },
      { id: 'l', type: 'labels', value: { start: 0, end: 6 } },
      HEDGE,
    ]);
    expect(spans).toEqual([['a1:h', 'Hedge', 'said']]);
    expect(warnings!.map((w) => w.message)).toEqual([
      'task 1: annotation 1, result c: a "choices" result has no place in the project; left out',
      'task 1: annotation 1, result l: a "labels" result has no place in the project; left out',
    ]);
  });

  it('refuses a region without whole-number offsets, outside the text, with other text, or with a reused id', () => {
    const { messages, spans } = readResults([
      'not an object',
      region('a', 7.5, 11, 'Hedge'),
      { ...region('b', 7, 11, 'Hedge'), value: { end: 11, labels: ['Hedge'] } },
      { ...region('b2', 7, 11, 'Hedge'), value: { start: 7, labels: ['Hedge'] } },
      region('c', 7, 99, 'Hedge'),
      region('d', 7, 11, 'Hedge', 'told'),
      HEDGE,
      region('h', 12, 14, 'Figure', '47'),
      { ...region('e', 0, 6, 'Hedge'), value: { start: 0, end: 6, labels: [3] } },
    ]);
    expect(messages).toEqual([
      'task 1: annotation 1, result 1 must be an object',
      'task 1: annotation 1, result a needs whole-number value.start and value.end',
      'task 1: annotation 1, result b needs whole-number value.start and value.end',
      'task 1: annotation 1, result b2 needs whole-number value.start and value.end',
      'task 1: annotation 1, result c: range 7-99 is outside the text (length 31 UTF-16 code units)',
      expect.stringMatching(/^task 1: annotation 1, result d: its text "told" differs/),
      'task 1: annotation 1, result h: the id is used by another region of this annotation',
      'task 1: annotation 1, result e: labels must be text',
    ]);
    expect(spans).toEqual([['a1:h', 'Hedge', 'said']]);
  });

  it('reads relations between regions of the annotation, turning "left" ones round, "related" when unlabelled', () => {
    const { doc, problems } = readResults([
      HEDGE,
      FIGURE,
      { type: 'relation', from_id: 'h', to_id: 'f', direction: 'right', labels: ['scopes'] },
      { type: 'relation', from_id: 'h', to_id: 'f', direction: 'left', labels: ['cites'] },
      { type: 'relation', from_id: 'f', to_id: 'h' },
      { type: 'relation', from_id: 'h', to_id: 'f', labels: [] },
    ]);
    expect(problems).toEqual([]);
    expect(doc.relations).toEqual([
      { type: 'scopes', from: 'a1:h', to: 'a1:f', annotator: 'me' },
      { type: 'cites', from: 'a1:f', to: 'a1:h', annotator: 'me' },
      { type: 'related', from: 'a1:f', to: 'a1:h', annotator: 'me' },
      { type: 'related', from: 'a1:h', to: 'a1:f', annotator: 'me' },
    ]);
  });

  it('refuses a relation to a region that is not in the same annotation or prediction', () => {
    const out = readJson([
      {
        data: { text: TEXT },
        annotations: [
          {
            result: [
              HEDGE,
              { type: 'relation', from_id: 'h', to_id: 'zz' },
              { type: 'relation', from_id: 'zz', to_id: 'h' },
              { type: 'relation', from_id: 'h' },
            ],
          },
        ],
        predictions: [{ result: [FIGURE, { type: 'relation', to_id: 'f' }] }],
      },
    ]);
    expect(out.documents[0]!.relations).toEqual([]);
    expect(out.problems.map((p) => p.message)).toEqual([
      'task 1: annotation 1, a relation refers to h -> zz, not both regions of this annotation',
      'task 1: annotation 1, a relation refers to zz -> h, not both regions of this annotation',
      'task 1: annotation 1, a relation refers to h -> ?, not both regions of this annotation',
      'task 1: prediction 1, a relation refers to ? -> f, not both regions of this prediction',
    ]);
  });
});
