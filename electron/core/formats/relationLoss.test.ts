/** A relation a format cannot hold is named in the loss report by its spans' labels and texts. */
import { describe, expect, it } from 'vitest';
import { conllFormat } from './conll';
import { doccanoFormat } from './doccano';
import { labelStudioFormat } from './labelStudio';
import { makeDoc, spanOver, writeAll } from './testkit';

const text = 'Police said 47 people died in Karachi.';
const doc = makeDoc('flood-01', text, [
  spanOver(text, '47 people died', 'Claim', { key: '4' }),
  spanOver(text, 'Karachi', 'Location', { key: '5', annotator: 'bob' }),
]);
doc.relations = [{ type: 'attributed_to', from: '4', to: '5', annotator: 'alice' }];
const NAMED = 'attributed_to: Claim "47 people died" -> Location "Karachi" (alice)';

describe('relations in loss reports', () => {
  it.each([
    ['CoNLL (no relations at all)', conllFormat, {}],
    ['doccano entities (spans of two annotators)', doccanoFormat, { doccanoForm: 'entities' as const }],
    ['Label Studio (spans of two annotators)', labelStudioFormat, {}],
  ])('%s names the relation by its spans, not by internal numbers', (_name, format, options) => {
    const { loss } = writeAll(format, [doc], options);
    const relations = loss.list().find((l) => l.kind === 'relations')!;
    expect(relations.examples).toEqual([{ document: 'flood-01', detail: NAMED }]);
  });
});
