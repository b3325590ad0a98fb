/**
 * Line numbers for JSON documents (Label Studio exports one JSON array): where each element of the
 * top-level array starts, and where a parse error is, so problems name a line.
 */

export interface ElementRange {
  /** 1-based line of the element's first character. */
  line: number;
  start: number;
  end: number;
}

/** Each top-level array element's range ([] if the JSON is not an array). */
export function arrayElements(content: string): ElementRange[] {
  const elements: ElementRange[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  let current: ElementRange | null = null;
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (expectElement && c !== ']') {
      current = { line, start: i, end: content.length };
      elements.push(current);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 0 && c === '[') expectElement = true;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0 && current) current.end = i;
    } else if (c === ',' && depth === 1 && current) {
      // Only an array's commas part elements: a top-level object's would make its entries ones.
      current.end = i;
      expectElement = true;
    }
  }
  return elements;
}

/**
 * The line of a JSON syntax error: from the message when it gives a position, otherwise the line of
 * the first array element that does not parse on its own.
 */
export function parseErrorLine(content: string, error: Error): number | undefined {
  const lineColumn = /\(line (\d+) column \d+\)/.exec(error.message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /at position (\d+)/.exec(error.message);
  if (position) return content.slice(0, Number(position[1])).split('\n').length;
  for (const element of arrayElements(content)) {
    try {
      JSON.parse(content.slice(element.start, element.end));
    } catch {
      return element.line;
    }
  }
  return undefined;
}
