/**
 * CoNLL-2003 with BIO (IOB2) tags: `-DOCSTART- -X- -X- O` opens each document, then one token a line
 * as `TOKEN -X- -X- TAG` (the four columns of CoNLL-2003; no part-of-speech or chunk tags, so `-X-`),
 * a blank line after each sentence. Holds only labelled token runs: no overlaps, discontinuity,
 * attributes, notes, relations, annotators, nor the text's own spacing.
 */
import { titleFromText } from '../text';
import { baseName } from './fileNames';
import { firstLine, hasExtension } from './detect';
import type {
  CorpusDocument,
  CorpusSpan,
  FormatDefinition,
  FormatWriter,
  InputFile,
  ReadOptions,
  ReadProblem,
  ReadResult,
} from './model';
import { piecesOf, withoutOverlaps } from './overlaps';
import { insideSpans, sentences, spanBoundaries, tokenize } from './tokenize';
import { describeSpan, reportUnheld } from './writerSupport';

export const DOCSTART = '-DOCSTART- -X- -X- O';

/** A label as a BIO tag suffix: NLTK and most readers split the tag at `-` and rows at white space. */
export function conllLabel(label: string): string {
  return label.replace(/[-\s]+/g, '_');
}

function createWriter(): FormatWriter {
  return {
    document(doc, out, loss) {
      const { kept, dropped } = withoutOverlaps(piecesOf(doc.spans));
      for (const span of new Set(dropped.map((p) => p.span)))
        loss.add(
          'overlap',
          'BIO tags one label per token; a span overlapping an earlier or longer one is left out',
          doc.id,
          describeSpan(doc.text, span),
        );
      for (const label of new Set(kept.map((p) => p.span.label)))
        if (conllLabel(label) !== label)
          loss.add(
            'label-renamed',
            'a BIO label may not hold "-" or white space; these are written as "_"',
            doc.id,
            `${label} -> ${conllLabel(label)}`,
          );
      const tags = new Map<number, string>(); // token start -> tag
      const tokens = tokenize(doc.text, spanBoundaries(kept));
      const tokenAt = new Map(tokens.map((t, i) => [t.start, i]));
      for (const { span, start, end } of kept) {
        for (let i = tokenAt.get(start) ?? -1; i >= 0 && i < tokens.length && tokens[i]!.end <= end; i++)
          tags.set(tokens[i]!.start, `${tokens[i]!.start === start ? 'B' : 'I'}-${conllLabel(span.label)}`);
      }
      const inside = insideSpans(doc.text.length, kept);
      let body = `${DOCSTART}\n\n`;
      for (const sentence of sentences(doc.text, tokens, inside)) {
        for (const t of sentence)
          body += `${doc.text.slice(t.start, t.end)} -X- -X- ${tags.get(t.start) ?? 'O'}\n`;
        body += '\n';
      }
      out.write('', body);
      loss.add(
        'text-layout',
        'CoNLL keeps tokens, not the text between them: read back, tokens are joined by single spaces and sentences by line breaks; the document id and title are not kept either',
        doc.id,
        doc.title,
      );
      reportUnheld(loss, 'CoNLL-2003', doc, {});
    },
    finish() {},
  };
}

interface Open {
  label: string;
  start: number;
  end: number;
}

function read(files: readonly InputFile[], options: ReadOptions): ReadResult {
  const documents: CorpusDocument[] = [];
  const problems: ReadProblem[] = [];
  for (const file of files) {
    let sentencesText: string[] = [];
    let current = '';
    let spans: CorpusSpan[] = [];
    let open = null as Open | null;
    // Offsets are into the text being rebuilt: previous sentences joined by \n, then `current`.
    let base = 0;
    const close = () => {
      if (open)
        spans.push({
          key: String(spans.length + 1),
          label: open.label,
          fragments: [{ start: open.start, end: open.end }],
          annotator: options.defaultAnnotator,
          attributes: {},
          note: null,
          origin: 'imported',
        });
      open = null;
    };
    const endSentence = () => {
      close();
      if (current === '') return;
      sentencesText.push(current);
      base += current.length + 1;
      current = '';
    };
    const endDocument = () => {
      endSentence();
      if (sentencesText.length > 0) {
        const text = sentencesText.join('\n');
        const id = `${baseName(file.path)}-${documents.length + 1}`;
        documents.push({
          id,
          title: titleFromText(text, id),
          text,
          status: 'todo',
          source: { file: file.path.split(/[\\/]/).pop() },
          spans,
          relations: [],
        });
      }
      sentencesText = [];
      spans = [];
      base = 0;
    };
    file.content.split(/\r\n|\r|\n/).forEach((row, index) => {
      const columns = row.trim().split(/\s+/);
      if (columns[0] === '') return endSentence();
      if (columns[0] === '-DOCSTART-') return endDocument();
      if (columns.length < 2)
        return void problems.push({
          file: file.path,
          line: index + 1,
          message: `a row needs a token and a tag, found ${JSON.stringify(row.trim())}`,
        });
      const token = columns[0]!;
      const tag = columns[columns.length - 1]!;
      const match = /^([BI])-(.+)$/.exec(tag);
      if (tag !== 'O' && !match)
        return void problems.push({
          file: file.path,
          line: index + 1,
          message: `tag ${JSON.stringify(tag)} is not O, B-LABEL or I-LABEL`,
        });
      if (current !== '') current += ' ';
      const start = base + current.length;
      current += token;
      const end = base + current.length;
      if (!match) return close();
      const [, prefix, label] = match;
      // IOB1 and stray I- tags: an I- that does not continue a run of the same label starts one.
      if (prefix === 'I' && open !== null && open.label === label) open.end = end;
      else {
        close();
        open = { label: label!, start, end };
      }
    });
    endDocument();
  }
  return { documents, problems };
}

export const conllFormat: FormatDefinition = {
  id: 'conll',
  name: 'CoNLL-2003 (BIO)',
  layout: 'file',
  extension: 'conll',
  detect: (file) =>
    hasExtension(file, 'conll', 'bio', 'iob', 'iob2') || firstLine(file).startsWith('-DOCSTART-'),
  createWriter,
  read,
};
