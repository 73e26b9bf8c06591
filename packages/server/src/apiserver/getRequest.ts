import type { ServerResponse } from 'node:http';
import type { Pod } from '@daemonsim/core';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { decodeContinue, encodeContinue } from './continueToken.js';
import type { ListOptions } from './listOptions.js';
import { parseListOptions } from './listOptions.js';
import { getObject, listPage } from './listObjects.js';
import type { Target } from './parseTarget.js';
import { metaOf } from './resources.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { badRequest, notFound, StatusError } from './status.js';
import type { SerializedObject } from './serializedObject.js';
import { SerializationCache } from './serializedObject.js';
import { streamJson } from './streamJson.js';
import { tableRows, toTable } from './toTable.js';
import { encodeRv } from './watchHub.js';

/** How many objects one Table presenter call converts while a list streams. */
const TABLE_CHUNK = 500;

const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * `GET` of a resource: one object by key (or its `log` or `status` subresource), a list
 * filtered by `labelSelector` and `fieldSelector` and paged by `limit` and `continue`, or with
 * `watch` a watch; as a Table when asked. Lists stream.
 * Mirrors the REST handlers `GetResource`, `ListResource` and `WatchResource`.
 */
export function getRequest(
  ctx: ApiContext,
  res: ServerResponse,
  t: Target,
  query: URLSearchParams,
  wantsTable: boolean,
): void {
  const { simulation } = ctx;
  const includeObject = query.get('includeObject') ?? 'Metadata';
  if (t.name !== undefined) {
    const obj = getObject(simulation, t.def, t.namespace, t.name);
    if (t.subresource === 'log' && t.def.name === 'pods') return ctx.logs.podLog(res, obj as Pod, query);
    if (t.subresource !== undefined && t.subresource !== 'status')
      throw notFound(`${t.def.name}/${t.subresource}`, t.def.group, t.name);
    if (wantsTable)
      return respond(
        ctx,
        res,
        200,
        toTable(t.def, [obj], includeObject, metaOf(obj).resourceVersion ?? '', simulation.now),
      );
    return respond(ctx, res, 200, obj);
  }
  const options = parseListOptions(query);
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  const labels = parseLabelSelector(labelText);
  const fields = parseFieldSelector(fieldText, t.def.fields);
  const filtered = labelText.trim() !== '' || fieldText.trim() !== '';
  const selected = filtered ? (o: unknown): boolean => labels(metaOf(o).labels) && fields(o) : undefined;
  const prefix = t.def.namespaced && t.namespace !== undefined ? `${t.namespace}/` : '';
  if (options.watch) {
    const matches = (o: unknown): boolean =>
      (t.namespace === undefined || metaOf(o).namespace === t.namespace) &&
      (selected === undefined || selected(o));
    return ctx.watches.watch(res, t.def, query, matches, wantsTable, includeObject, () => {
      const all = t.def.objects(simulation.snapshot(), simulation);
      return listPage(all, { prefix, startKey: undefined, matches: selected, limit: 0 }).items;
    });
  }
  const { collection, resourceVersion, startKey } = listState(ctx, t, options, prefix);
  const page = listPage(collection, { prefix, startKey, matches: selected, limit: options.limit });
  const rv = Math.max(resourceVersion ?? ctx.watches.currentPos(page.items), 1);
  const metadata: Record<string, unknown> = { resourceVersion: encodeRv(rv) };
  if (page.nextKey !== undefined) {
    ctx.lists.remember(t.def.name, rv, collection);
    metadata.continue = encodeContinue(page.nextKey, prefix, rv);
    if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  }
  const shift = ctx.clock.timeShift();
  if (wantsTable) return streamJson(res, tableParts(ctx, t, page.items, includeObject, metadata), shift);
  const apiVersion = t.def.group === '' ? 'v1' : `${t.def.group}/v1`;
  const head = `{"kind":${JSON.stringify(`${t.def.kind}List`)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`;
  return streamJson(res, listParts(head, page.items), shift);
}

/** Every listed object's JSON, made once per object version (see {@link SerializationCache}). */
const OBJECTS = new SerializationCache();
/**
 * Every Table row's `PartialObjectMetadata`, made once per version of the metadata it copies:
 * each resource's table builds it as `partialObjectMetadata(object.metadata)`.
 */
const ROW_OBJECTS = new SerializationCache();

/** Which state a list reads: the current one, or for a `continue` token the one its first page read. */
function listState(
  ctx: ApiContext,
  t: Target,
  options: ListOptions,
  prefix: string,
): {
  collection: ReadonlyMap<string, unknown>;
  resourceVersion: number | undefined;
  startKey: string | undefined;
} {
  const current = (): ReadonlyMap<string, unknown> =>
    t.def.objects(ctx.simulation.snapshot(), ctx.simulation);
  if (options.continueToken === undefined) {
    const rv = options.resourceVersion;
    if (rv !== undefined && !/^\d+$/.test(rv)) {
      throw badRequest(
        `invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
      );
    }
    return { collection: current(), resourceVersion: undefined, startKey: undefined };
  }
  const token = decodeContinue(options.continueToken, prefix);
  if (options.resourceVersion !== undefined && options.resourceVersion !== '0')
    throw badRequest('specifying resource version is not allowed when using continue');
  if (token.resourceVersion === -1)
    return { collection: current(), resourceVersion: undefined, startKey: token.startKey };
  const collection = ctx.lists.recall(t.def.name, token.resourceVersion);
  if (collection === undefined) {
    const error = new StatusError(410, 'Expired', INCONSISTENT_CONTINUE);
    error.status.metadata.continue = encodeContinue(token.startKey, prefix, -1);
    throw error;
  }
  return { collection, resourceVersion: token.resourceVersion, startKey: token.startKey };
}

function* listParts(head: string, items: readonly unknown[]): Generator<string | SerializedObject> {
  yield head;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) yield ',';
    yield OBJECTS.of(items[i] as object);
  }
  yield ']}';
}

/**
 * A Table's JSON, rows in chunks of {@link TABLE_CHUNK}: each row's cells (they depend on the
 * time) are serialised per request, its object from the caches. A row is `cells`, `object`,
 * then `conditions` when it has any, the key order every table builds.
 */
function* tableParts(
  ctx: ApiContext,
  t: Target,
  items: readonly unknown[],
  includeObject: string,
  metadata: Record<string, unknown>,
): Generator<string | SerializedObject> {
  const now = ctx.simulation.now;
  let first = true;
  for (let from = 0; from === 0 || from < items.length; from += TABLE_CHUNK) {
    const chunk = items.slice(from, from + TABLE_CHUNK);
    const { columnDefinitions, rows } = tableRows(t.def, chunk, 'Metadata', now);
    if (from === 0)
      yield `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(metadata)},"columnDefinitions":${JSON.stringify(columnDefinitions)},"rows":[`;
    for (const [i, row] of rows.entries()) {
      yield `${first ? '' : ','}{"cells":${JSON.stringify(row.cells)}`;
      first = false;
      const source = chunk[i] as { metadata: object };
      if (includeObject === 'Object') {
        yield ',"object":';
        yield OBJECTS.of(source);
      } else if (includeObject !== 'None') {
        yield ',"object":';
        yield ROW_OBJECTS.of(source.metadata, () => row.object);
      }
      yield row.conditions === undefined ? '}' : `,"conditions":${JSON.stringify(row.conditions)}}`;
    }
  }
  yield ']}';
}
