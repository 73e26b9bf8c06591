import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDuration } from '@daemonsim/scenarios';
import type { ApiContext } from './apiContext.js';
import { respond } from './apiContext.js';
import { authenticateRequest } from './bearerToken.js';
import { createRequest } from './createRequest.js';
import { deleteRequest } from './deleteRequest.js';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  NAMED_GROUPS,
  SERVER_VERSION,
} from './discovery.js';
import { getRequest } from './getRequest.js';
import { CONTAINER_STREAMS, noContainers } from './noContainers.js';
import { NODE_HEALTH_PREFIX, nodeHealthRequest } from './nodeHealthRequest.js';
import { OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_RESPONSE, openApiV2Protobuf } from './openApiV2Protobuf.js';
import { acceptsJson, openApiV2Document, openApiV3Document, openApiV3Index } from './openapi.js';
import { parseTarget, pathNotFound } from './parseTarget.js';
import { patchRequest } from './patchRequest.js';
import { readBody } from './readBody.js';
import { replaceRequest } from './replaceRequest.js';
import { replayRequest } from './replayRequest.js';
import { sendJson } from './sendJson.js';
import { badRequest, methodNotSupported, StatusError, toStatusError } from './status.js';
import { serveViewFile, VIEW_PREFIX } from './viewFiles.js';

/** The request's path without trailing slashes, as routing and authentication read it. */
function requestPath(url: URL): string {
  return url.pathname.replace(/\/+$/, '') || '/';
}

/**
 * Serves one HTTP request: checks its bearer token (when the server has one), reads the body,
 * routes it, and answers any error as a Status. Everything after the body is read runs
 * synchronously, so no state is held across an await. Mirrors the API server's handler chain:
 * `WithAuthentication` before anything reads the body, and `WithPanicRecovery`.
 */
export async function handleRequest(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let body: Buffer;
  try {
    if (ctx.token !== undefined)
      authenticateRequest(req, ctx.token, requestPath(new URL(req.url ?? '/', 'http://localhost')));
    body = await readBody(req, ctx.maxBody);
  } catch (error) {
    const status = toStatusError(error).status;
    sendJson(res, status.code, status, 0);
    return;
  }
  try {
    routeRequest(ctx, req, res, body);
  } catch (error) {
    if (res.headersSent) {
      res.end();
      return;
    }
    const status = toStatusError(error).status;
    sendJson(res, status.code, status, 0);
  }
}

/**
 * Dispatches a request: discovery, health, OpenAPI and daemonsim's own paths, then the REST
 * verbs of the resource the path names. Mirrors the API server's path mux.
 */
export function routeRequest(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = requestPath(url);
  const method = req.method ?? 'GET';
  const query = url.searchParams;
  if (method === 'GET') {
    switch (path) {
      case '/version':
        return respond(ctx, res, 200, SERVER_VERSION);
      case '/api':
        return respond(ctx, res, 200, apiVersions(ctx.serverAddress));
      case '/apis':
        return respond(ctx, res, 200, apiGroupList());
      case '/api/v1':
        return respond(ctx, res, 200, apiResourceList(''));
      case '/healthz':
      case '/readyz':
      case '/livez':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      case '/daemonsim/v1/time':
        return respond(ctx, res, 200, ctx.clock.timeInfo());
      case '/daemonsim/v1/replay':
        return replayRequest(ctx, res, query);
      case '/ui':
        if (!url.pathname.endsWith('/')) {
          // The page's files are relative to /ui/, as a browser resolves them only with the slash.
          res.writeHead(301, { Location: `${VIEW_PREFIX}${url.search}` });
          res.end();
          return;
        }
        return serveViewFile(ctx.viewRoot, url.pathname, res);
      case '/openapi/v3':
        return respond(ctx, res, 200, openApiV3Index());
      case '/openapi/v2':
        if ((req.headers.accept ?? '').includes(OPENAPI_V2_PROTOBUF)) {
          const doc = openApiV2Protobuf();
          res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF_RESPONSE, 'Content-Length': doc.length });
          res.end(doc);
          return;
        }
        if (!acceptsJson(req.headers.accept))
          throw new StatusError(
            406,
            'NotAcceptable',
            'only the following media types are accepted: application/json',
          );
        return respond(ctx, res, 200, openApiV2Document());
    }
    for (const group of NAMED_GROUPS) {
      if (path === `/apis/${group}`) return respond(ctx, res, 200, apiGroup(group));
      if (path === `/apis/${group}/v1`) return respond(ctx, res, 200, apiResourceList(group));
    }
    if (path.startsWith(VIEW_PREFIX)) return serveViewFile(ctx.viewRoot, url.pathname, res);
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiV3Document(path.slice('/openapi/v3/'.length));
      if (doc !== undefined) return respond(ctx, res, 200, doc);
    }
  }
  if (path === '/daemonsim/v1/advance') {
    if (method !== 'POST')
      throw new StatusError(405, 'MethodNotAllowed', `${method} is not supported on /daemonsim/v1/advance`);
    const text = query.get('duration');
    if (text === null) throw badRequest('duration: Required value: e.g. ?duration=90s');
    let ms: number;
    try {
      ms = parseDuration(text);
    } catch (error) {
      throw badRequest(error instanceof Error ? error.message : String(error));
    }
    if (ms < 0) throw badRequest(`duration: Invalid value: ${JSON.stringify(text)}: must not be negative`);
    const failures = ctx.clock.advance(ms);
    // The clock moved either way: a component's failure on the way is a warning, not an error.
    return respond(ctx, res, 200, {
      ...(ctx.clock.timeInfo() as object),
      ...(failures.length === 0 ? {} : { warnings: failures }),
    });
  }
  if (path.startsWith(NODE_HEALTH_PREFIX)) return nodeHealthRequest(ctx, res, method, path);
  const target = parseTarget(path);
  if (target === undefined) throw pathNotFound();
  if (
    target.def.name === 'pods' &&
    target.subresource !== undefined &&
    CONTAINER_STREAMS.has(target.subresource)
  )
    throw noContainers(target.subresource, target.name ?? '');
  const accept = req.headers.accept ?? '';
  const wantsTable = /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
  const contentType = req.headers['content-type'] ?? '';
  switch (method) {
    case 'GET':
      return getRequest(ctx, res, target, query, wantsTable);
    case 'POST':
      return createRequest(ctx, res, target, body, contentType, query);
    case 'PUT':
      return replaceRequest(ctx, res, target, body, contentType, query);
    case 'PATCH':
      return patchRequest(ctx, res, target, body, contentType, query);
    case 'DELETE':
      return deleteRequest(ctx, res, target, body, contentType, query);
    default:
      throw methodNotSupported(target.def.name, target.def.group, method.toLowerCase());
  }
}
