/**
 * Label colours that stay apart: distances in OKLab (a perceptual space, where 0.02 is about the
 * smallest difference seen), for normal vision and as seen with protanopia and deuteranopia
 * (Machado, Oliveira & Fernandes 2009, full severity), and the line pattern that tells labels
 * apart where colour cannot.
 */

export type Vision = 'normal' | 'protanopia' | 'deuteranopia';
export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia'];

type Rgb = [number, number, number];
type Matrix = [Rgb, Rgb, Rgb];

/** Linear-RGB transforms for the two common red-green colour-blindnesses (Machado et al. 2009). */
const SIMULATION: Record<Exclude<Vision, 'normal'>, Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};

/** Colours offered for new labels, in order of preference; each far from the rest for all three visions. */
export const LABEL_CANDIDATES = [
  '#e8590c',
  '#0c8599',
  '#5f3dc4',
  '#c2255c',
  '#1864ab',
  '#f08c00',
  '#2b8a3e',
  '#495057',
  '#a61e4d',
  '#66a80f',
  '#15aabf',
  '#862e9c',
] as const;

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

function linearRgb(hex: string): Rgb {
  const match = HEX.exec(hex);
  if (!match) throw new Error(`not a colour like #1a2b3c: "${hex}"`);
  return [match[1]!, match[2]!, match[3]!].map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
}

const times = (m: Matrix, [r, g, b]: Rgb): Rgb =>
  m.map((row) => Math.min(1, Math.max(0, row[0] * r + row[1] * g + row[2] * b))) as Rgb;

function oklab([r, g, b]: Rgb): Rgb {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** How far apart two colours look (OKLab distance) for a way of seeing. */
export function colourDistance(a: string, b: string, vision: Vision = 'normal'): number {
  const seen = (hex: string) => {
    const rgb = linearRgb(hex);
    return oklab(vision === 'normal' ? rgb : times(SIMULATION[vision], rgb));
  };
  const [x, y] = [seen(a), seen(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

/** The smallest distance between any two of the colours, for the vision where it is smallest. */
export function closestPair(colours: readonly string[]): number {
  let closest = Infinity;
  for (const vision of VISIONS)
    for (let i = 0; i < colours.length; i++)
      for (let j = i + 1; j < colours.length; j++)
        closest = Math.min(closest, colourDistance(colours[i]!, colours[j]!, vision));
  return closest;
}

/**
 * A colour for a new label: the candidate farthest from every existing label's colour, for
 * normal vision and both colour-blindnesses; malformed existing colours are ignored.
 */
export function distinctColour(
  existing: readonly string[],
  candidates: readonly string[] = LABEL_CANDIDATES,
): string {
  const taken = existing.filter((c) => HEX.test(c)).map((c) => c.toLowerCase());
  let best = candidates[0]!;
  let bestDistance = -1;
  for (const candidate of candidates) {
    if (taken.includes(candidate.toLowerCase())) continue;
    const distance = Math.min(
      Infinity,
      ...taken.flatMap((c) => VISIONS.map((v) => colourDistance(candidate, c, v))),
    );
    if (distance > bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = linearRgb(hex);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The text colour for a label's chip: white or near-black, whichever reads better on it. */
export function chipInk(labelColour: string): string {
  return contrastRatio(labelColour, '#ffffff') >= contrastRatio(labelColour, '#1a1b1e')
    ? '#ffffff'
    : '#1a1b1e';
}

/** Underline patterns by label position: the fifth label repeats the first. */
export const LINE_PATTERNS = ['solid', 'dashed', 'dotted', 'double'] as const;

/** The underline pattern (and its width: a double line needs 4 px to show two) of the label at `index`. */
export function linePattern(index: number): { style: (typeof LINE_PATTERNS)[number]; width: string } {
  const style =
    LINE_PATTERNS[((index % LINE_PATTERNS.length) + LINE_PATTERNS.length) % LINE_PATTERNS.length]!;
  return { style, width: style === 'double' ? '4px' : '2px' };
}
