import { CST, Lexer } from 'yaml';

/**
 * The deepest nesting of objects and arrays a request body may have. Upstream's decoders stop
 * at 10,000 (Go's `encoding/json` `maxNestingDepth`, yaml.v2's `max_flow_level`); daemonsim stops
 * at 200 because its body walkers recurse: the `yaml` composer overflows the stack near 700 flow
 * levels and the patch and timestamp walkers near 2,000. Validation refuses a stored manifest
 * deeper than 100 anyway.
 */
export const MAX_BODY_DEPTH = 200;

/**
 * The offset at which a JSON text nests deeper than `limit`, or undefined when it does not; one
 * pass over the characters with no recursion, so it runs before any parse. Brackets inside
 * strings do not count. Mirrors the depth check of Go's `encoding/json` scanner (`pushParseState`).
 */
export function jsonDepthExceeded(text: string, limit: number = MAX_BODY_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}

const CONTROL = new Set([CST.DOCUMENT, CST.SCALAR, CST.FLOW_END, CST.BOM]);
const BLOCK_INDICATORS = new Set(['seq-item-ind', 'explicit-key-ind', 'map-value-ind']);

/**
 * The 1-based line at which a YAML text may nest deeper than `limit`, or undefined when it
 * cannot; read from the `yaml` library's lexer, which does not recurse, so it runs before the
 * parser (whose composer does). Flow collections count one level each; block collections are
 * bounded by the column of the line's last block indicator (`-`, `?`, `:`) or its indentation,
 * since each block level but a sequence under a map key sits to the right of its parent:
 * depth <= 2 * (column + 1). Mirrors yaml.v2's `max_flow_level` and `max_indents` checks.
 * Deviation: the block bound is conservative; a line whose indicators sit past column ~100 is
 * refused even if it nests less.
 */
export function yamlDepthExceeded(text: string, limit: number = MAX_BODY_DEPTH): number | undefined {
  let line = 1;
  let column = 0;
  let block = 0;
  let flow = 0;
  let afterScalar = false;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) {
      afterScalar = token === CST.SCALAR;
      continue;
    }
    const type = afterScalar ? 'scalar' : CST.tokenType(token);
    afterScalar = false;
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
    else if (flow === 0 && (BLOCK_INDICATORS.has(type ?? '') || (type === 'space' && column === 0)))
      block = 2 * (column + (type === 'space' ? token.length : 0) + 1);
    if (block + flow > limit) return line;
    for (let i = 0; i < token.length; i++) {
      if (token.charCodeAt(i) === 10 /* \n */) {
        line++;
        column = 0;
        // Inside a flow collection the block levels around it still hold.
        if (flow === 0) block = 0;
      } else column++;
    }
  }
  return undefined;
}
