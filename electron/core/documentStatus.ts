/** A user's progress on a document: one list for the store, the formats, the API and the screens. */
export const DOCUMENT_STATUSES = ['todo', 'in_progress', 'done'] as const;

export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A status in words, as the progress figures print it in the CLI and the Progress screen. */
export const STATUS_WORDS: Readonly<Record<DocumentStatus, string>> = {
  todo: 'todo',
  in_progress: 'in progress',
  done: 'done',
};
