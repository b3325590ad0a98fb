/** brat standoff (.txt + .ann per document, annotation.conf): see bratWrite.ts and bratRead.ts. */
import { readBrat } from './bratRead';
import { createBratWriter } from './bratWrite';
import { hasExtension } from './detect';
import type { FormatDefinition } from './model';

export const bratFormat: FormatDefinition = {
  id: 'brat',
  name: 'brat standoff',
  layout: 'folder',
  extension: 'ann',
  fixedOffsetUnit: 'codepoint',
  detect: (file) => hasExtension(file, 'ann') || /(^|[\\/])annotation\.conf$/.test(file.path),
  createWriter: createBratWriter,
  read: readBrat,
};
