/**
 * Label Studio JSON: a folder with tasks.json (the JSON array Label Studio imports and exports) and
 * label_config.xml (the labeling config to create the project with: Label Studio drops results whose
 * labels its config does not name). Each task: `data.text`, one annotation per annotator with
 * `labels` results `{start, end, text, labels}` in UTF-16 code units (what Label Studio counts) and
 * `relation` results; suggestions go to `predictions`. Reading takes annotations as imported spans
 * and predictions as suggestions.
 */
import { firstLine, hasExtension } from './detect';
import { readLabelStudio } from './labelStudioRead';
import { createLabelStudioWriter } from './labelStudioWrite';
import type { FormatDefinition } from './model';

export const labelStudioFormat: FormatDefinition = {
  id: 'labelstudio',
  name: 'Label Studio JSON',
  layout: 'folder',
  extension: 'json',
  fixedOffsetUnit: 'utf16',
  detect: (file) =>
    hasExtension(file, 'json') &&
    /^[[{]/.test(firstLine(file)) &&
    /"(data|annotations|predictions)"\s*:/.test(file.content.slice(0, 65536)),
  createWriter: createLabelStudioWriter,
  read: readLabelStudio,
};
