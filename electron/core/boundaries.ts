/**
 * Character, word and sentence boundaries of a text, for keyboard selection and snapping. Offsets
 * are UTF-16 code units, as everywhere; a "character" is a user-perceived one (grapheme cluster),
 * so an emoji, a flag or a letter with combining marks is never cut. Uses Intl.Segmenter (Unicode
 * UAX #29), which handles Urdu and Arabic script and their full stop "۔" as well as Latin text.
 * Segmenting works outward from the offset, so a step costs the same in a 240,000-character article.
 */

export type Unit = 'character' | 'word' | 'sentence';
export type Direction = 'forward' | 'backward';

const segmenters = new Map<Unit, Intl.Segmenter>();
function segmenter(unit: Unit): Intl.Segmenter {
  let found = segmenters.get(unit);
  if (!found) {
    found = new Intl.Segmenter(undefined, { granularity: unit === 'character' ? 'grapheme' : unit });
    segmenters.set(unit, found);
  }
  return found;
}

/**
 * Where the caret goes from `offset` moving one unit: by character, to the next grapheme boundary;
 * by word, forward to the end of the next word and backward to the start of the previous one (as
 * Ctrl+→ / Ctrl+← do in editors); by sentence, to the next or previous sentence boundary.
 */
export function step(text: string, offset: number, unit: Unit, direction: Direction): number {
  const forward = direction === 'forward';
  if (forward ? offset >= text.length : offset <= 0) return offset;
  const segments = segmenter(unit).segment(text);
  if (unit !== 'word') {
    const segment = segments.containing(forward ? offset : offset - 1)!;
    return forward ? segment.index + segment.segment.length : segment.index;
  }
  for (let at = offset; forward ? at < text.length : at > 0;) {
    const segment = segments.containing(forward ? at : at - 1)!;
    const end = segment.index + segment.segment.length;
    if (segment.isWordLike) return forward ? end : segment.index;
    at = forward ? end : segment.index;
  }
  return forward ? text.length : 0;
}

/**
 * Widens a selection so it neither starts nor ends inside a word: the default selection mode, so a
 * drag that starts in "reportedly" selects all of it. Offsets between words stay where they are.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const segments = segmenter('word').segment(text);
  const inWord = (at: number) => {
    if (at <= 0 || at >= text.length) return null;
    const segment = segments.containing(at)!;
    return segment.isWordLike && segment.index < at ? segment : null;
  };
  const first = inWord(start);
  const last = end > start ? inWord(end) : null;
  return {
    start: first ? first.index : start,
    end: last ? last.index + last.segment.length : end,
  };
}

/**
 * Where a span's boundary goes when moved one unit: by word, a start moves to the start of the
 * previous or next word and an end to the end of one, so a span keeps covering whole words. By
 * character or sentence it is a plain step. Returns `offset` when there is no further word.
 */
export function moveBoundary(
  text: string,
  offset: number,
  edge: 'start' | 'end',
  unit: Unit,
  direction: Direction,
): number {
  if (unit !== 'word' || (edge === 'start') === (direction === 'backward'))
    return step(text, offset, unit, direction);
  if (edge === 'start') {
    const wordEnd = step(text, offset, 'word', 'forward');
    const nextEnd = step(text, wordEnd, 'word', 'forward');
    return nextEnd === wordEnd ? offset : step(text, nextEnd, 'word', 'backward');
  }
  const wordStart = step(text, offset, 'word', 'backward');
  const previousStart = step(text, wordStart, 'word', 'backward');
  return previousStart === wordStart ? offset : step(text, previousStart, 'word', 'forward');
}
