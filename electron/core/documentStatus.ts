/** A user's progress on a document: one list for the store, the formats, the API and the screens. */
export const DOCUMENT_STATUSES = ['todo', 'in_progress', 'done'] as const;

export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
