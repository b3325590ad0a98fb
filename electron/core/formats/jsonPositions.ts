/**
 * Line numbers for JSON documents (Label Studio exports one JSON array): where each element of the
 * top-level array starts, and the line a JSON.parse error points at, so problems name a line.
 */

/** 1-based line of each top-level array element's first character ([] if the JSON is not an array). */
export function arrayElementLines(content: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
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
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 0 && c === '[') expectElement = true;
      depth++;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

/** The line a JSON.parse error message points at, when it gives a position. */
export function parseErrorLine(content: string, error: Error): number | undefined {
  const lineColumn = /line (\d+)/.exec(error.message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /position (\d+)/.exec(error.message);
  if (!position) return undefined;
  return content.slice(0, Number(position[1])).split('\n').length;
}
