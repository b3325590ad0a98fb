/**
 * The API's method names, without their schemas, so the sandboxed preload can expose exactly these
 * without bundling the validation library. api.ts checks that its schema table has the same keys.
 */
export const API_METHODS = [
  'getSession',
  'setUserName',
  'newProject',
  'openProject',
  'closeProject',
  'listFormats',
  'listAnnotators',
  'setAnnotatorRole',
  'setLayerPolicy',
  // Teams: the local user's name, the policy of blind annotation, assignments.
  'getTeam',
  'renameMe',
  'setTeamPolicy',
  'listAssignments',
  'setAssignment',
  'assignDocuments',
  'unassignDocuments',
  'startImport',
  'listDocuments',
  // The document list a page at a time, and a document's neighbour in it (issue 12, scale).
  'listDocumentPage',
  'neighbourDocument',
  'getDocument',
  'addSpan',
  'setSpanLabel',
  'deleteSpan',
  'setSpanAttribute',
  'setSpanNote',
  'setSpanFragments',
  'addRelation',
  'deleteRelation',
  'schemaImpact',
  'updateSchema',
  // Editor flow: undo/redo and history, boundary edits, label all, search, status, title, guidelines.
  'undo',
  'redo',
  'getHistory',
  'setSpanBounds',
  'previewLabelAll',
  'labelAll',
  'search',
  // Project search over a text as a job: hits read while it runs, progress, Cancel.
  'startSearch',
  'searchHits',
  'setDocumentStatus',
  'renameDocument',
  'getGuidelines',
  'setGuidelines',
  'startExport',
  'getJob',
  'cancelJob',
  'getAgreement',
  'listConflicts',
  'decideConflict',
  'previewAutoAccept',
  'autoAccept',
  'listDecisions',
  'reviewProgress',
  'startAgreement',
  // Work packages (docs/teams.md): one annotator's work out as a project file, and back.
  'exportWorkPackage',
  'mergeWorkPackages',
  // Feedback to annotators (docs/adjudication.md): what review changed in their layer.
  'getFeedback',
  // Progress (docs/teams.md): per person and per document.
  'getProgress',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** IPC channel names, shared by main and preload. */
export const IPC_API_CHANNEL = 'marginalia:api';
export const IPC_MENU_CHANNEL = 'marginalia:menu';
