import { goQuote } from './fieldError.js';

interface Frame {
  readonly path: string;
  readonly keys: Set<string> | undefined;
  index: number;
  key: string | undefined;
}

const MAX_DUPLICATES = 100;

/**
 * The duplicate fields of a JSON text, as strict decoding errors in document order:
 * `duplicate field "metadata.name"`, array entries as `spec.containers[0].name`, at most 100.
 * `JSON.parse` keeps the last of duplicate keys silently, so they are found in the text.
 * The text must be valid JSON (parse it first); the scan is iterative, so depth costs no stack.
 * Mirrors sigs.k8s.io/json's `DisallowDuplicateFields` (internal/golang/encoding/json/decode.go).
 * Deviation: a duplicate is reported at any depth, also inside fields the schema does not know
 * (upstream reports those as unknown only).
 */
export function findDuplicateFields(text: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const childPath = (frame: Frame | undefined): string => {
    if (frame === undefined) return '';
    if (frame.keys === undefined) return `${frame.path}[${frame.index}]`;
    return frame.path === '' ? (frame.key ?? '') : `${frame.path}.${frame.key ?? ''}`;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const top = stack[stack.length - 1];
      stack.push({ path: childPath(top), keys: c === '{' ? new Set() : undefined, index: 0, key: undefined });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top !== undefined && top.keys === undefined) top.index++;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      let k = j + 1;
      while (k < text.length && (text[k] === ' ' || text[k] === '\n' || text[k] === '\r' || text[k] === '\t'))
        k++;
      if (top?.keys !== undefined && text[k] === ':') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        top.key = key;
        if (top.keys.has(key)) {
          if (found.length < MAX_DUPLICATES) found.push(`duplicate field ${goQuote(childPath(top))}`);
        } else top.keys.add(key);
        i = k + 1;
      } else i = j + 1;
    } else i++;
  }
  return found;
}
