/** `marginalia rename PROJECT DOCUMENT TITLE`: the same title rule and handler as the app's rename. */
import { UserError } from '../core/errors';
import { documentTitle } from '../contract/api';

/** What a rename reads and writes: the open project (the CLI's headless one; a store in tests). */
export interface RenameTarget {
  documentsWithExternalId(externalId: string): { id: number; title: string }[];
  getDocument(id: number): { id: number; title: string } | undefined;
  renameDocument(documentId: number, annotatorId: number, title: string): void;
}

/**
 * Renames the document whose id (its file name at import, as exports write it) or number is
 * `document`, as the annotator `by` gives; returns the line to print. A refusal changes nothing.
 */
export function renameDocument(
  store: RenameTarget,
  document: string,
  title: string,
  by: () => number,
): string {
  const parsed = documentTitle.safeParse(title);
  if (!parsed.success)
    throw new UserError(`${parsed.error.issues[0]?.message ?? 'invalid title'}; the project was not changed`);
  let found = store.documentsWithExternalId(document);
  const numbered = /^\d+$/.test(document) ? store.getDocument(Number(document)) : undefined;
  if (found.length === 0 && numbered) found = [numbered];
  if (found.length === 0)
    throw new UserError(
      `no document "${document}" in this project; name it by its id (the file name at import) or number`,
    );
  if (found.length > 1)
    throw new UserError(
      `${found.length} documents have the id "${document}" (numbers ${found.map((d) => d.id).join(', ')}); ` +
        'give the number of the one to rename; the project was not changed',
    );
  const { id, title: before } = found[0]!;
  store.renameDocument(id, by(), parsed.data);
  return `renamed ${document}: "${before}" → "${parsed.data}"`;
}
