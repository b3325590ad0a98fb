/** Plain text: one document per .txt file. Reading takes the text; writing keeps only the text. */
import { headlineTitle } from '../headline';
import { baseName, FileNamer } from './fileNames';
import { hasExtension } from './detect';
import type {
  CorpusDocument,
  FormatDefinition,
  FormatWriter,
  InputFile,
  ReadProblem,
  ReadResult,
} from './model';
import { SourceText } from './sourceText';
import { describeSpan, reportStatus } from './writerSupport';

function read(files: readonly InputFile[]): ReadResult {
  const documents: CorpusDocument[] = [];
  const problems: ReadProblem[] = [];
  for (const file of files) {
    if (file.content.trim() === '') {
      problems.push({ file: file.path, message: 'the file holds no text' });
      continue;
    }
    const source = new SourceText(file.content);
    const id = baseName(file.path);
    documents.push({
      id,
      title: headlineTitle(source.text, id),
      text: source.text,
      status: 'todo',
      source: { file: file.path.split(/[\\/]/).pop(), newlines: source.newlines },
      spans: [],
      relations: [],
    });
  }
  return { documents, problems };
}

function createWriter(): FormatWriter {
  const names = new FileNamer();
  return {
    document(doc, out, loss) {
      reportStatus(loss, 'Plain text', doc);
      out.write(`${names.name(doc.id)}.txt`, doc.text);
      for (const span of doc.spans)
        loss.add(
          'spans',
          'plain text holds no annotations; only the text is written',
          doc.id,
          describeSpan(doc.text, span),
        );
    },
    finish() {},
  };
}

export const plainTextFormat: FormatDefinition = {
  id: 'txt',
  name: 'Plain text',
  layout: 'folder',
  extension: 'txt',
  detect: (file) => hasExtension(file, 'txt'),
  createWriter,
  read,
};
