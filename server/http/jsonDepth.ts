/**
 * How deeply a JSON text nests, found on the raw text before anything parses it. A parser
 * given 100,000 nested arrays spends seconds and hundreds of megabytes building them, and
 * code that walks the result recursively overflows its stack; this scan is one pass over the
 * characters in constant memory that stops at the first bracket past the limit.
 *
 * Brackets inside strings do not count; an escaped quote does not end a string. Text that is
 * not JSON may be misjudged here, but then the parser refuses it anyway.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** Whether arrays and objects in `text` nest deeper than `maxDepth`. */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
