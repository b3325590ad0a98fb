/**
 * UTF-16 surrogate pairs, the one place that knows their ranges: a character outside the Basic
 * Multilingual Plane (emoji, some CJK and historic scripts) is two code units, and no offset may
 * fall between them (docs/architecture.md, "The offset contract").
 */
export const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether offset `k` of `text` falls between the two halves of one character. */
export const splitsPair = (text: string, k: number) =>
  k > 0 && k < text.length && isLowSurrogate(text.charCodeAt(k)) && isHighSurrogate(text.charCodeAt(k - 1));
