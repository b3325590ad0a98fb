import { describe, expect, it } from 'vitest';
import { wordList } from './wordList';

describe('a word list', () => {
  it('names each string by the index of its first use, the same index every time', () => {
    const { words, word } = wordList();
    expect(['Claim', 'Figure', 'Claim', '', 'Figure', ''].map(word)).toEqual([0, 1, 0, 2, 1, 2]);
    expect(words).toEqual(['Claim', 'Figure', '']);
  });
});
