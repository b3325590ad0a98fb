/**
 * Strings listed once and named by their index: the packed forms that repeat a few strings many
 * times (labels, kinds, reasons) over thousands of rows (contract/compactDocument.ts,
 * store/autoAcceptLog.ts, services/autoAcceptPlan.ts).
 */
export interface WordList {
  /** Every string named so far, in the order first named. */
  readonly words: string[];
  /** The index of `text` in `words`, added if new. */
  word(text: string): number;
}

export function wordList(): WordList {
  const words: string[] = [];
  const indexes = new Map<string, number>();
  return {
    words,
    word(text) {
      let index = indexes.get(text);
      if (index === undefined) indexes.set(text, (index = words.push(text) - 1));
      return index;
    },
  };
}
