/** The bench's budgets (docs/architecture.md, Defaults and budgets) and the sizes it measures at. */

/** The budgets of docs/architecture.md, Defaults and budgets. */
export const BUDGET = {
  /** The progress dashboard's figures on 100,000 documents × 3 annotators (issue 12). */
  progress100kMs: 500,
  spanWriteMedianUs: 200,
  /** First paint of a 240k-character document with about 10,000 nested spans. */
  openMedianMs: 500,
  /** Tag a selection in that document: keypress → committed → painted. */
  tagMedianMs: 16,
  tagP95Ms: 50,
  /** No long frame (over 50 ms) while scrolling that document from top to bottom. */
  scrollLongFrames: 1,
  /** RSS of the renderer process that holds the page, with that document open (bench/memory.ts). */
  rendererMb: 300,
  /** The same article with three annotators' layers of ~10,000 spans each and a gold layer, all drawn. */
  layersOpenMedianMs: 700,
  /** The same renderer's RSS with those layers drawn, after a collection. */
  layersRendererMb: 400,
  /** 500k spans exported to native JSONL in under 5 s, through the export service. */
  export500kMs: 5000,
  /** The first screen of one annotator's document list at 100,000 documents (issue 12). */
  listFirstPageMs: 100,
  /** A project search for a word at 100,000 documents (issue 12). */
  searchWordMs: 200,
  /** 10,000 generated articles imported in under 10 s, through the import service. */
  import10kMs: 10_000,
  /** Map of a 740k-character mixed-script text plus 100,000 conversions to UTF-8 bytes. */
  offsets100kMs: 1000,
  /** Issue 12: 100,000 documents × 3 annotators, 2 per document. */
  assign100kMs: 5000,
  /** Every agreement figure of 1,000 and of 10,000 documents × 3 annotators, from nothing. */
  agreement1kMs: 2000,
  agreement10kMs: 15_000,
  /** Reopening the figures after one edit: one document recomputed, the rest from the cache. */
  agreementAfterEditMs: 300,
  /** Issue 12: a 1,000-document work package written, and merged back. */
  package1kMs: 2000,
  merge1kMs: 2000,
  /** Issue 14: auto-accept over 1,000 documents × 3 annotators; the queue's first page; a decision key. */
  autoAccept1kMs: 2000,
  reviewQueueOpenMs: 300,
  reviewDecideMedianMs: 50,
};

export const SETTINGS = {
  spanWrites: 2000,
  spanWarmup: 100,
  openChars: 240_000,
  opens: 5,
  tags: 40,
  scrolls: 2,
  /** Pixels per frame: a fast wheel flick, so every frame lays out and paints new text. */
  scrollStep: 600,
  /** docs/architecture.md, Defaults and budgets: 10,000 documents / 500,000 spans. */
  exportDocuments: 10_000,
  exportChars: 3000,
  exportSpansPerDocument: 50,
  exportRuns: 3,
  importDocuments: 10_000,
  searchDocuments: 10_000,
  searchChars: 3000,
  searchRuns: 3,
  assignDocuments: 100_000,
};
