import { describe, expect, it } from 'vitest';
import { labelStudioFormat } from './labelStudio';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

// The shape Label Studio exports ("JSON" export of a NER project with relations).
const EXPORT = `[
  {
    "id": 41,
    "data": { "text": "Police said 47 😀 people died in Karachi." },
    "annotations": [
      {
        "id": 7,
        "completed_by": 1,
        "created_username": "alice@example.org, 1",
        "was_cancelled": false,
        "result": [
          { "value": { "start": 7, "end": 11, "text": "said", "labels": ["Hedge"] }, "id": "Xk1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual" },
          { "value": { "start": 12, "end": 24, "text": "47 😀 people", "labels": ["Figure"] }, "id": "Yp2", "from_name": "label", "to_name": "text", "type": "labels" },
          { "from_id": "Xk1", "to_id": "Yp2", "type": "relation", "direction": "right", "labels": ["scopes"] },
          { "value": { "choices": ["ok"] }, "id": "c1", "from_name": "quality", "to_name": "text", "type": "choices" }
        ]
      }
    ],
    "predictions": [
      { "model_version": "ner-v2", "score": 0.8, "result": [
        { "value": { "start": 33, "end": 40, "text": "Karachi", "labels": ["Location"] }, "id": "p1", "from_name": "label", "to_name": "text", "type": "labels" }
      ] }
    ]
  },
  {
    "data": { "text": "Short." },
    "annotations": [ { "result": [ { "value": { "start": 0, "end": 9, "labels": ["Claim"] }, "id": "z", "type": "labels" } ] } ]
  }
]`;

describe('Label Studio reader', () => {
  // Read inside each test, so the test is the one that runs the reader.
  const readExport = () =>
    labelStudioFormat.read!([{ path: 'project-1.json', content: EXPORT }], { defaultAnnotator: 'me' });

  it('reads annotations as imported spans and predictions as suggestions, with relations', () => {
    const doc = readExport().documents[0]!;
    expect(doc.id).toBe('41');
    expect(
      doc.spans.map((s) => [
        s.label,
        doc.text.slice(s.fragments[0]!.start, s.fragments[0]!.end),
        s.annotator,
        s.origin,
      ]),
    ).toEqual([
      ['Hedge', 'said', 'alice@example.org', 'imported'],
      ['Figure', '47 😀 people', 'alice@example.org', 'imported'],
      ['Location', 'Karachi', 'ner-v2', 'suggested'],
    ]);
    expect(doc.relations).toEqual([
      { type: 'scopes', from: 'a1:Xk1', to: 'a1:Yp2', annotator: 'alice@example.org' },
    ]);
  });

  it('names the line of the task with a bad region, and warns about results it leaves out', () => {
    const { problems, warnings } = readExport();
    expect(problems).toEqual([
      {
        file: 'project-1.json',
        line: 25,
        message: expect.stringMatching(/task 2: annotation 1, result z: range 0-9 is outside/),
      },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/choices/) }),
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    const result = labelStudioFormat.read!(
      [{ path: 'x.json', content: '[\n{"data": {"text": "a"}},\n{"data": }\n]' }],
      { defaultAnnotator: 'me' },
    );
    expect(result.problems[0]).toMatchObject({ file: 'x.json', line: 3 });
  });
});

describe('Label Studio writer', () => {
  const text = 'Police said 47 died in Kervadi.';
  const doc = makeDoc('d1', text, [
    spanOver(text, 'said', 'Hedge', { key: 'h' }),
    spanOver(text, '47 died', 'Claim', { key: 'c', note: 'check' }),
    spanOver(text, 'Kervadi', 'Location', { key: 'l', origin: 'suggested' }),
    spanOver(text, 'Police...Kervadi', 'Source', { key: 'p', annotator: 'bob' }),
  ]);
  doc.relations = [
    { type: 'scopes', from: 'h', to: 'c', annotator: 'alice' },
    { type: 'in', from: 'c', to: 'p', annotator: 'alice' },
  ];
  const written = () => writeAll(labelStudioFormat, [doc], { offsetUnit: 'codepoint' });

  it('writes tasks with one annotation per annotator, predictions for suggestions, and relations', () => {
    const tasks = JSON.parse(written().files.get('tasks.json')!);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].data).toMatchObject({ text, id: 'd1', offset_unit: 'utf16-code-units' });
    const [alice, bob] = tasks[0].annotations;
    expect(alice.created_username).toBe('alice');
    expect(alice.result[0]).toEqual({
      id: 'h',
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: 7, end: 11, text: 'said', labels: ['Hedge'] },
    });
    expect(alice.result).toContainEqual({
      from_id: 'h',
      to_id: 'c',
      type: 'relation',
      direction: 'right',
      labels: ['scopes'],
    });
    expect(bob.result.map((r: { id: string }) => r.id)).toEqual(['p', 'p.2']);
    expect(tasks[0].predictions[0].result[0].value.labels).toEqual(['Location']);
  });

  it('reads its labeling config back as a schema fragment', () => {
    const schema = labelStudioFormat.read!(
      [{ path: 'label_config.xml', content: written().files.get('label_config.xml')! }],
      { defaultAnnotator: 'me' },
    ).schema!;
    expect(schema.labels.map((l) => [l.key, l.color])).toContainEqual(['Claim', '#d9480f']);
    expect(schema.labels.map((l) => l.key)).toContain('Source');
    expect(schema.relationTypes).toContainEqual({ name: 'scopes', fromLabel: 'Hedge', toLabel: null });
  });

  it('writes a labeling config naming every label and relation', () => {
    const config = written().files.get('label_config.xml')!;
    expect(config).toContain('<Labels name="label" toName="text">');
    expect(config).toContain('<Label value="Source" background="#888888"/>');
    expect(config).toContain('<Text name="text" value="$text"/>');
    expect(config).toContain('<Relation value="scopes"/>');
  });

  it('reports discontinuity, notes, cross-annotator relations and the fixed unit', () => {
    expect(lossCounts(written().loss)).toEqual({
      relations: 1,
      discontinuous: 1,
      notes: 1,
      'offset-unit': 1,
    });
  });
});

/**
 * What label-studio-sdk's Converter reads of an export (converter.py: annotation_result_from_task and
 * get_data): `task["id"]` (a KeyError without it), `task["data"]`, `task["annotations"]` with each
 * annotation's `result` and `id`, and of a result its `from_name` (kept when the config names it) and
 * `value`. Written here because pip cannot reach PyPI on this machine to run the converter itself.
 */
function converterItems(tasks: Record<string, unknown>[], configNames: readonly string[]) {
  return tasks.flatMap((task) => {
    if (!('id' in task)) throw new Error("KeyError: 'id'");
    const annotations = task.annotations as { id?: unknown; result: Record<string, unknown>[] }[];
    return annotations.map((annotation) => ({
      id: task.id,
      input: task.data,
      annotation_id: annotation.id ?? null,
      output: annotation.result
        .filter((r) => typeof r.from_name === 'string' && configNames.includes(r.from_name))
        .map((r) => r.value),
    }));
  });
}

describe('Label Studio writer: ids Label Studio and its converter need', () => {
  const text = 'Police said 47 died in Karachi.';
  const docs = [
    makeDoc('flood-01', text, [
      spanOver(text, 'said', 'Hedge', { key: '11' }),
      spanOver(text, 'Karachi', 'Location', { key: '12', annotator: 'bob' }),
      spanOver(text, '47', 'Figure', { key: '13', origin: 'suggested' }),
    ]),
    makeDoc('flood-02', 'Nothing here.'),
    makeDoc('flood-03', text, [spanOver(text, '47', 'Figure', { key: '14' })]),
  ];
  const writeTasks = () =>
    JSON.parse(writeAll(labelStudioFormat, docs).files.get('tasks.json')!) as Record<string, unknown>[];

  it('gives every task an integer id, in export order, and keeps the document id in data', () => {
    const tasks = writeTasks();
    expect(tasks.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(tasks.map((t) => (t.data as { id: string }).id)).toEqual(['flood-01', 'flood-02', 'flood-03']);
  });

  it('gives every annotation and prediction an integer id, unique in the export', () => {
    const tasks = writeTasks();
    const ids = (key: string) => tasks.flatMap((t) => (t[key] as { id: unknown }[]).map((a) => a.id));
    expect(ids('annotations')).toEqual([1, 2, 3]);
    expect(ids('predictions')).toEqual([1]);
  });

  it('is read by the converter: one item per annotation, with task and annotation ids and every region', () => {
    const items = converterItems(writeTasks(), ['label']);
    expect(items.map((i) => [i.id, i.annotation_id, i.output.length])).toEqual([
      [1, 1, 1],
      [1, 2, 1],
      [3, 3, 1],
    ]);
    expect(items[1]!.output[0]).toEqual({ start: 23, end: 30, text: 'Karachi', labels: ['Location'] });
  });
});
