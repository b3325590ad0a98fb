import { describe, expect, it } from 'vitest';
import { normaliseNewlines } from './newlines';

describe('normaliseNewlines', () => {
  it('turns CRLF into LF and moves raw offsets onto the normalised text', () => {
    const n = normaliseNewlines('ab\r\ncd\r\nef');
    expect(n.text).toBe('ab\ncd\nef');
    expect(n.newlines).toBe('crlf');
    expect(n.toNormalised(4)).toBe(3); // 'c'
    expect(n.toNormalised(8)).toBe(6); // 'e'
    expect(n.toNormalised(3)).toBeNull(); // between CR and LF
    expect(n.toNormalised(2)).toBe(2);
    expect(n.toNormalised(10)).toBe(8);
    expect(n.toNormalised(11)).toBeNull();
  });

  it('keeps offsets for CR-only and LF text', () => {
    expect(normaliseNewlines('a\rb').text).toBe('a\nb');
    expect(normaliseNewlines('a\rb').toNormalised(2)).toBe(2);
    expect(normaliseNewlines('a\nb').newlines).toBe('lf');
  });

  it('handles mixed endings', () => {
    const n = normaliseNewlines('a\r\nb\rc\nd');
    expect(n.text).toBe('a\nb\nc\nd');
    expect(n.newlines).toBe('mixed');
    expect(n.toNormalised(7)).toBe(6);
  });
});
