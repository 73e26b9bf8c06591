import type { ServerResponse } from 'node:http';
import type { Pod } from '@daemonsim/core';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { getObject, listObjects } from './listObjects.js';
import type { Target } from './parseTarget.js';
import { metaOf } from './resources.js';
import type { FieldPredicate, LabelPredicate } from './selectors.js';
import { queryBool } from './queryBool.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { notFound } from './status.js';
import { toTable } from './toTable.js';
import { encodeRv } from './watchHub.js';

/**
 * `GET` of a resource: one object (or its `log` or `status` subresource), a list filtered by
 * `labelSelector` and `fieldSelector`, or with `watch` true (see `queryBool`) a watch; as a Table when asked.
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
  const labels: LabelPredicate = parseLabelSelector(query.get('labelSelector'));
  const fields: FieldPredicate = parseFieldSelector(query.get('fieldSelector'), t.def.fields);
  const matches = (o: unknown): boolean =>
    (t.namespace === undefined || metaOf(o).namespace === t.namespace) &&
    labels(metaOf(o).labels) &&
    fields(o);
  if (queryBool(query, 'watch'))
    return ctx.watches.watch(res, t.def, query, matches, wantsTable, includeObject, () =>
      listObjects(simulation, t.def, t.namespace).filter(matches),
    );
  const items = listObjects(simulation, t.def, t.namespace).filter(matches);
  const rv = encodeRv(ctx.watches.currentPos(items));
  if (wantsTable) return respond(ctx, res, 200, toTable(t.def, items, includeObject, rv, simulation.now));
  const apiVersion = t.def.group === '' ? 'v1' : `${t.def.group}/v1`;
  return respond(ctx, res, 200, {
    kind: `${t.def.kind}List`,
    apiVersion,
    metadata: { resourceVersion: rv },
    items,
  });
}
