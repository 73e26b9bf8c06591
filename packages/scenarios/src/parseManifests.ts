import { SimulationError, toPlainData } from '@daemonsim/core';
import { parseAllDocuments } from 'yaml';

/** The most alias expansions one document may cause, against "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a YAML stream of one or more documents (`---` separated) into plain data, one entry per
 * non-empty document, each checked by core's `toPlainData` (no `__proto__`/`constructor` keys).
 * Throws `SimulationError('BadRequest')` for a syntax error, naming the document index (from 0),
 * line and column: `yaml: document 1: line 5, column 3: ...`, with `path` `documents[1]`.
 * Upstream counterpart: kubectl's `yaml.NewYAMLOrJSONDecoder` over a multi-document file.
 * Deviation: YAML 1.2 core schema (`yes`/`on` stay strings), where Kubernetes' decoder follows YAML 1.1.
 */
export function parseManifests(text: string): unknown[] {
  if (typeof text !== 'string')
    throw new SimulationError(
      'BadRequest',
      `parseManifests: Invalid value: ${typeof text}: must be a string`,
    );
  const out: unknown[] = [];
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  let index = 0;
  for (const document of documents) {
    const path = `documents[${index}]`;
    const error = document.errors[0];
    if (error !== undefined) {
      const position = error.linePos?.[0];
      const where = position === undefined ? '' : ` line ${position.line}, column ${position.col}:`;
      const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new SimulationError('BadRequest', `yaml: document ${index}:${where} ${message}`, { path });
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw new SimulationError(
        'BadRequest',
        `yaml: document ${index}: ${e instanceof Error ? e.message : String(e)}`,
        { path },
      );
    }
    if (value !== null && value !== undefined) out.push(toPlainData(value));
    index++;
  }
  return out;
}
