/**
 * Reading brat standoff: `.txt` + `.ann` pairs (matched by name) and an optional annotation.conf.
 * T lines (with discontinuous `s e;s e`), R, A (and the older M), `#... AnnotatorNotes`. Offsets are
 * code points of the raw .txt, where CRLF counts two; they are moved onto the LF-normalised text.
 * Events, normalisations and equivalences have no place in the project: they are warnings.
 */
import type { ProjectSchema } from '../schema';
import { titleFromText } from '../text';
import { readConf } from './bratConf';
import { baseName, extensionOf } from './fileNames';
import type { CorpusDocument, CorpusSpan, InputFile, ReadOptions, ReadProblem, ReadResult } from './model';
import { SourceText, statedTextProblem } from './sourceText';

export function readBrat(files: readonly InputFile[], options: ReadOptions): ReadResult {
  const problems: ReadProblem[] = [];
  const warnings: ReadProblem[] = [];
  const texts = new Map<string, InputFile>();
  const anns = new Map<string, InputFile>();
  let schema: ProjectSchema | undefined;
  for (const file of files) {
    const ext = extensionOf(file.path);
    const key = file.path.slice(0, file.path.length - ext.length - 1);
    if (ext === 'txt') texts.set(key, file);
    else if (ext === 'ann') anns.set(key, file);
    else if (ext === 'conf' && baseName(file.path) === 'annotation')
      schema = mergeSchemas(schema, readConf(file.content));
    else if (ext !== 'conf')
      warnings.push({ file: file.path, message: 'not a brat file (.txt, .ann or annotation.conf); skipped' });
  }
  for (const [key, ann] of anns)
    if (!texts.has(key))
      problems.push({
        file: ann.path,
        message: `no ${baseName(ann.path)}.txt beside it: brat offsets need the text`,
      });
  const documents: CorpusDocument[] = [];
  for (const [key, txt] of texts) {
    const ann = anns.get(key);
    const doc = readPair(txt, ann, options, problems, warnings);
    if (doc) documents.push(doc);
  }
  return { documents, problems, warnings, ...(schema ? { schema } : {}) };
}

function mergeSchemas(a: ProjectSchema | undefined, b: ProjectSchema): ProjectSchema {
  if (!a) return b;
  return {
    labels: [...a.labels, ...b.labels.filter((l) => !a.labels.some((x) => x.key === l.key))],
    relationTypes: [...a.relationTypes, ...b.relationTypes],
  };
}

const ANN_LINE_BREAK = /\r\n|\r|\n/;

function readPair(
  txt: InputFile,
  ann: InputFile | undefined,
  options: ReadOptions,
  problems: ReadProblem[],
  warnings: ReadProblem[],
): CorpusDocument | null {
  if (txt.content === '') {
    problems.push({ file: txt.path, message: 'the text file is empty' });
    return null;
  }
  const source = new SourceText(txt.content);
  const id = baseName(txt.path);
  const doc: CorpusDocument = {
    id,
    title: titleFromText(source.text, id),
    text: source.text,
    status: 'todo',
    source: { file: txt.path.split(/[\\/]/).pop(), newlines: source.newlines },
    spans: [],
    relations: [],
  };
  if (!ann) return doc;
  const spans = new Map<string, CorpusSpan>();
  const later: { line: number; run: () => void }[] = [];
  ann.content.split(ANN_LINE_BREAK).forEach((raw, index) => {
    const line = index + 1;
    const problem = (message: string) => problems.push({ file: ann.path, line, message });
    if (raw.trim() === '') return;
    // The text or note after the second tab may itself hold tabs.
    const [id = '', body = '', ...rest] = raw.split('\t');
    const text = rest.length > 0 ? rest.join('\t') : undefined;
    switch (id[0]) {
      case 'T': {
        const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(body);
        if (!m || text === undefined)
          return problem(`${id}: expected "TYPE START END[;START END]" and the covered text`);
        const stated = m[2]!.split(';').map((pair) => {
          const [start, end] = pair.split(' ').map(Number);
          return { start: start!, end: end! };
        });
        const located = source.locate(stated, 'codepoint');
        if ('problem' in located) return problem(`${id} (${m[1]}): ${located.problem}`);
        const mismatch = statedTextProblem(text, located.rawTexts.join(' '));
        if (mismatch) return problem(`${id} (${m[1]}): ${mismatch}`);
        if (spans.has(id)) return problem(`${id} is defined twice`);
        spans.set(id, {
          key: id,
          label: m[1]!,
          fragments: located.fragments,
          annotator: options.defaultAnnotator,
          attributes: {},
          note: null,
          origin: 'imported',
        });
        return;
      }
      case 'R':
        return later.push({
          line,
          run() {
            const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(body);
            if (!m) return problem(`${id}: expected "TYPE Arg1:T.. Arg2:T.."`);
            if (!spans.has(m[2]!) || !spans.has(m[3]!))
              return problem(
                `${id} (${m[1]}) refers to ${spans.has(m[2]!) ? m[3] : m[2]}, which is not a text span here`,
              );
            doc.relations.push({ type: m[1]!, from: m[2]!, to: m[3]!, annotator: options.defaultAnnotator });
          },
        });
      case 'A':
      case 'M':
        return later.push({
          line,
          run() {
            const [name, target, value, extra] = body.split(' ');
            const span = spans.get(target ?? '');
            if (!name || !span || extra !== undefined)
              return problem(`${id}: expected "NAME T.. [VALUE]" for a text span of this file`);
            span.attributes[name] = value ?? true;
          },
        });
      case '#':
        return later.push({
          line,
          run() {
            const [kind, target] = body.split(' ');
            const span = spans.get(target ?? '');
            if (kind !== 'AnnotatorNotes')
              return void warnings.push({
                file: ann.path,
                line,
                message: `${id}: only AnnotatorNotes are read; "${kind}" is left out`,
              });
            if (!span)
              return void warnings.push({
                file: ann.path,
                line,
                message: `${id}: a note on ${target}, which is not a text span; left out`,
              });
            span.note = span.note ? `${span.note}\n${text ?? ''}` : (text ?? '');
          },
        });
      case 'E':
      case 'N':
      case '*':
        return void warnings.push({
          file: ann.path,
          line,
          message: `${id}: brat ${id[0] === 'E' ? 'events' : id[0] === 'N' ? 'normalisations' : 'equivalences'} have no place in the project; left out`,
        });
      default:
        return problem(`"${id}" is not a brat annotation id (T, R, A, M, #, E, N or *)`);
    }
  });
  // Relations, attributes and notes may come before the span they name.
  for (const { run } of later) run();
  doc.spans = [...spans.values()];
  return doc;
}
