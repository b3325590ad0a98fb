import { describe, expect, it } from 'vitest';
import { moveBoundary, snapToWords, step } from './boundaries';

const walk = (
  text: string,
  unit: Parameters<typeof step>[2],
  from: number,
  direction: 'forward' | 'backward',
) => {
  const stops: number[] = [];
  for (
    let at = from, next = step(text, at, unit, direction);
    next !== at;
    at = next, next = step(text, at, unit, direction)
  )
    stops.push(next);
  return stops;
};

describe('step by character', () => {
  it('never cuts an emoji, a flag or a letter with combining marks', () => {
    const text = 'a🔥b🇵🇰ée\u0301';
    expect(walk(text, 'character', 0, 'forward')).toEqual([1, 3, 4, 8, 9, 11]);
    expect(walk(text, 'character', text.length, 'backward')).toEqual([9, 8, 4, 3, 1, 0]);
  });
});

describe('step by word', () => {
  const text = 'Officials reportedly said 12 people, "roughly".';
  it('goes forward to word ends and backward to word starts, skipping spaces and punctuation', () => {
    expect(walk(text, 'word', 0, 'forward')).toEqual([9, 20, 25, 28, 35, 45, text.length]);
    expect(step(text, 35, 'word', 'backward')).toBe(29);
    expect(step(text, 30, 'word', 'backward')).toBe(29);
    expect(step(text, 0, 'word', 'backward')).toBe(0);
  });
  it('treats an emoji as no word and keeps Urdu words whole', () => {
    const urdu = 'پولیس کے مطابق 🔥 بارش';
    expect(walk(urdu, 'word', 0, 'forward')).toEqual([5, 8, 14, urdu.length]);
    expect(step(urdu, urdu.length, 'word', 'backward')).toBe(urdu.length - 4);
  });
});

describe('step by sentence', () => {
  it('stops at sentence ends in English and Urdu, and at line breaks', () => {
    const text = 'Fire in Kabul. Officials said 12 died.\nکراچی میں بارش۔ پولیس کے مطابق';
    const stops = walk(text, 'sentence', 0, 'forward');
    expect(stops.map((s) => text.slice(0, s).slice(-3))).toEqual(['l. ', 'd.\n', 'ش۔ ', 'ابق']);
    expect(walk(text, 'sentence', text.length, 'backward')).toEqual(
      [...stops.slice(0, -1)].reverse().concat(0),
    );
  });
});

describe('snapToWords', () => {
  const text = 'Officials reportedly said 12 people 🔥 died.';
  it('widens a selection that starts or ends inside a word', () => {
    expect(snapToWords(text, 12, 23)).toEqual({ start: 10, end: 25 });
  });
  it('leaves offsets between words, and whole words, as they are', () => {
    expect(snapToWords(text, 10, 20)).toEqual({ start: 10, end: 20 });
    expect(snapToWords(text, 9, 21)).toEqual({ start: 9, end: 21 });
    expect(snapToWords(text, 35, 38)).toEqual({ start: 35, end: 38 });
  });
  it('keeps a word with combining marks whole', () => {
    const accented = 'cafe\u0301 noir';
    expect(snapToWords(accented, 1, 4)).toEqual({ start: 0, end: 5 });
  });
});

describe('moveBoundary', () => {
  const text = 'Officials reportedly said 12 people died.';
  // "reportedly said" is 10-25.
  it('moves a start to word starts and an end to word ends', () => {
    expect(moveBoundary(text, 10, 'start', 'word', 'backward')).toBe(0);
    expect(moveBoundary(text, 10, 'start', 'word', 'forward')).toBe(21);
    expect(moveBoundary(text, 25, 'end', 'word', 'forward')).toBe(28);
    expect(moveBoundary(text, 25, 'end', 'word', 'backward')).toBe(20);
  });
  it('moves by one character, never into an emoji, and stays put at the ends', () => {
    const emoji = 'a🔥b';
    expect(moveBoundary(emoji, 1, 'end', 'character', 'forward')).toBe(3);
    expect(moveBoundary(text, 0, 'start', 'word', 'backward')).toBe(0);
    expect(moveBoundary(text, 36, 'start', 'word', 'forward')).toBe(36);
  });
});
