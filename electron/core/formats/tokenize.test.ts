import { describe, expect, it } from 'vitest';
import { insideSpans, sentences, tokenize } from './tokenize';

const words = (text: string, cuts?: Set<number>) =>
  tokenize(text, cuts).map((t) => text.slice(t.start, t.end));

describe('tokenize', () => {
  it('keeps words, emoji sequences, flags and marks whole, punctuation apart', () => {
    expect(words('At least 47 people, said 👨‍👩‍👧 in 🇵🇰 café e\u0301lan 👍🏽!')).toEqual([
      'At',
      'least',
      '47',
      'people',
      ',',
      'said',
      '👨‍👩‍👧',
      'in',
      '🇵🇰',
      'café',
      'e\u0301lan',
      '👍🏽',
      '!',
    ]);
  });

  it('keeps Urdu words with their joiners and splits on every kind of white space', () => {
    expect(words('کراچی میں\u00a0سیلاب\u2028۔\x85end')).toEqual(['کراچی', 'میں', 'سیلاب', '۔', 'end']);
  });

  it('cuts a token at a span boundary inside it', () => {
    expect(words('Karachi-based', new Set([7, 8]))).toEqual(['Karachi', '-', 'based']);
    expect(words('unrest', new Set([2]))).toEqual(['un', 'rest']);
  });
});

describe('sentences', () => {
  it('ends at sentence punctuation and line breaks, but not inside a span', () => {
    const text = 'He said. It rose\nto 47. Done';
    const tokens = tokenize(text);
    const plain = sentences(text, tokens, () => false).map((s) =>
      s.map((t) => text.slice(t.start, t.end)).join(' '),
    );
    expect(plain).toEqual(['He said .', 'It rose', 'to 47 .', 'Done']);
    const inside = insideSpans(text.length, [{ start: 3, end: 11 }]); // "said. It"
    expect(sentences(text, tokens, inside)).toHaveLength(3);
  });
});
