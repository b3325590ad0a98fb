/**
 * Writing Label Studio JSON: tasks.json (one task per document, one annotation per annotator,
 * suggestions as predictions) and label_config.xml. Offsets are UTF-16 code units, what Label Studio
 * counts, whatever unit was asked for.
 */
import { OFFSET_UNIT_NAMES } from '../offsets';
import { FROM_NAME, labelConfig, TO_NAME } from './labelStudioConfig';
import type { CorpusSpan, FormatWriter, WriteOptions } from './model';
import { describeRelation, describeSpan, reportFixedUnit, reportUnheld } from './writerSupport';

export function createLabelStudioWriter(options: WriteOptions): FormatWriter {
  const labels = new Map(options.schema.labels.filter((l) => l.kind === 'span').map((l) => [l.key, l.color]));
  const relationTypes = new Set(options.schema.relationTypes.map((r) => r.name));
  let first = true;
  // Label Studio's own export numbers tasks and annotations, and its converter reads task["id"].
  let taskId = 0;
  let annotationId = 0;
  let predictionId = 0;
  return {
    document(doc, out, loss) {
      const group = (suggested: boolean) => {
        const byAnnotator = new Map<string, CorpusSpan[]>();
        for (const s of doc.spans) {
          if ((s.origin === 'suggested') !== suggested) continue;
          const list = byAnnotator.get(s.annotator);
          if (list) list.push(s);
          else byAnnotator.set(s.annotator, [s]);
        }
        return byAnnotator;
      };
      const placed = new Set<string>();
      const results = (spans: CorpusSpan[]) => {
        const regions = spans.flatMap((span) => {
          labels.set(span.label, labels.get(span.label) ?? '#888888');
          return span.fragments.map((f, i) => ({
            id: i === 0 ? span.key : `${span.key}.${i + 1}`,
            from_name: FROM_NAME,
            to_name: TO_NAME,
            type: 'labels',
            value: { start: f.start, end: f.end, text: doc.text.slice(f.start, f.end), labels: [span.label] },
          }));
        });
        const keys = new Set(spans.map((s) => s.key));
        const relations = doc.relations
          .filter((r) => keys.has(r.from) && keys.has(r.to))
          .map((r) => {
            placed.add(`${r.from}>${r.to}>${r.type}`);
            relationTypes.add(r.type);
            return { from_id: r.from, to_id: r.to, type: 'relation', direction: 'right', labels: [r.type] };
          });
        return [...regions, ...relations];
      };
      const task = {
        id: ++taskId,
        data: {
          text: doc.text,
          id: doc.id,
          title: doc.title,
          status: doc.status,
          offset_unit: OFFSET_UNIT_NAMES.utf16,
        },
        annotations: [...group(false)].map(([annotator, spans]) => ({
          id: ++annotationId,
          created_username: annotator,
          result: results(spans),
        })),
        predictions: [...group(true)].map(([annotator, spans]) => ({
          id: ++predictionId,
          model_version: annotator,
          result: results(spans),
        })),
      };
      for (const r of doc.relations)
        if (!placed.has(`${r.from}>${r.to}>${r.type}`))
          loss.add(
            'relations',
            'a Label Studio relation links regions of one annotation; a relation between spans of different annotators or of a suggestion and a span is left out',
            doc.id,
            describeRelation(doc, r),
          );
      for (const span of doc.spans)
        if (span.fragments.length > 1)
          loss.add(
            'discontinuous',
            'Label Studio regions are continuous: each piece of a discontinuous span is a region of its own (ids KEY, KEY.2, ...)',
            doc.id,
            describeSpan(doc.text, span),
          );
      out.write('tasks.json', `${first ? '[\n' : ',\n'}${JSON.stringify(task)}`);
      first = false;
      reportUnheld(loss, 'Label Studio JSON', doc, {
        relations: true,
        discontinuous: true,
        origin: true,
        annotators: true,
        status: true,
      });
    },
    finish(out, loss) {
      out.write('tasks.json', first ? '[]\n' : '\n]\n');
      reportFixedUnit(loss, 'Label Studio', options.offsetUnit, 'utf16');
      out.write('label_config.xml', labelConfig(labels, relationTypes));
    },
  };
}
