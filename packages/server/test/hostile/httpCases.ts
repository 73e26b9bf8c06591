// Hostile HTTP requests beyond a DaemonSet's fields: media types, nesting depth, malformed text,
// bad query parameters, paths and verbs, each with the status upstream answers. Shared by the
// hostile HTTP suite and its tally.
import { validDaemonSet } from '../../../scenarios/test/hostile/hostileCases.js';

/** One hostile request and the status it must get (2xx where upstream accepts it too). */
export interface HttpCase {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: string;
  /** Omitted: no Content-Type header at all. */
  readonly contentType?: string;
  readonly status: number;
  /** The Status message, exactly, where the case pins it. */
  readonly message?: string;
  /** Why upstream accepts it too (only for a 2xx). */
  readonly accepted?: string;
}

export const DS = '/apis/apps/v1/namespaces/default/daemonsets';
export const KUBE_PROXY = '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy';

const CREATE_415 =
  'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml';
const PATCH_415 =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml';
const DEEP = 100_000;
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const unrecognized = (kind: string, detail: string, summary: string): string =>
  `the object provided is unrecognized (must be of type ${kind}): ${detail} (${summary})`;
const JSON_DEPTH = "couldn't get version/kind; json parse error: exceeded max depth";
const OBJECT_SUMMARY = '{"a":{"a":{"a":{"a":{"a":{"a": ...';

function named(name: string): string {
  const m = validDaemonSet();
  (m.metadata as Record<string, unknown>).name = name;
  return JSON.stringify(m);
}

/** Every hostile HTTP request of issue 8 outside the DaemonSet field cases. */
export const HTTP_CASES: readonly HttpCase[] = [
  // Media types.
  {
    name: 'a create as text/plain',
    method: 'POST',
    path: DS,
    body: named('t'),
    contentType: 'text/plain',
    status: 415,
    message: CREATE_415,
  },
  {
    name: 'a create as protobuf (not decoded here)',
    method: 'POST',
    path: DS,
    body: named('t'),
    contentType: 'application/vnd.kubernetes.protobuf',
    status: 415,
    message: CREATE_415,
  },
  {
    name: 'a create as form data',
    method: 'POST',
    path: DS,
    body: 'a=b',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    message: CREATE_415,
  },
  {
    name: 'a replace as text/plain',
    method: 'PUT',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'text/plain',
    status: 415,
    message: CREATE_415,
  },
  {
    name: 'DeleteOptions as text/plain',
    method: 'DELETE',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'text/plain',
    status: 415,
    message: CREATE_415,
  },
  {
    name: 'a patch as text/plain',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'text/plain',
    status: 415,
    message: '415: Unsupported Media Type',
  },
  {
    name: 'a patch without a Content-Type',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{}',
    status: 415,
    message: '415: Unsupported Media Type',
  },
  {
    name: 'a patch as application/json',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'application/json',
    status: 415,
    message: '415: Unsupported Media Type',
  },
  {
    name: 'a patch as apply-patch+json (not a patch type upstream)',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'application/apply-patch+json',
    status: 415,
    message: '415: Unsupported Media Type',
  },
  {
    name: 'a patch type with a space before its parameters',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'application/merge-patch+json ;charset=utf-8',
    status: 415,
    message: PATCH_415,
  },
  {
    name: 'a create with a charset parameter',
    method: 'POST',
    path: DS,
    body: named('charset'),
    contentType: 'application/json; charset=utf-8',
    status: 201,
    accepted: 'mime.ParseMediaType drops parameters',
  },
  {
    name: 'a create in upper case',
    method: 'POST',
    path: DS,
    body: named('upper'),
    contentType: 'Application/JSON',
    status: 201,
    accepted: 'mime.ParseMediaType lower-cases the type',
  },
  {
    name: 'a create without a Content-Type',
    method: 'POST',
    path: DS,
    body: named('bare'),
    status: 201,
    accepted: 'an absent Content-Type is the first serializer, JSON',
  },
  // Nesting depth, checked before parsing.
  {
    name: 'a 100,000-deep object',
    method: 'POST',
    path: DS,
    body: deepObject,
    contentType: 'application/json',
    status: 400,
    message: unrecognized('DaemonSet', JSON_DEPTH, OBJECT_SUMMARY),
  },
  {
    name: 'a 100,000-deep array',
    method: 'POST',
    path: DS,
    body: deepArray,
    contentType: 'application/json',
    status: 400,
    message: unrecognized('DaemonSet', JSON_DEPTH, `${'5b'.repeat(30)} ...`),
  },
  {
    name: 'a 100,000-deep replace',
    method: 'PUT',
    path: KUBE_PROXY,
    body: deepObject,
    contentType: 'application/json',
    status: 400,
    message: unrecognized('DaemonSet', JSON_DEPTH, OBJECT_SUMMARY),
  },
  {
    name: 'a 100,000-deep YAML flow',
    method: 'POST',
    path: DS,
    body: deepArray,
    contentType: 'application/yaml',
    status: 400,
    message: unrecognized(
      'DaemonSet',
      'error converting YAML to JSON: yaml: exceeded max depth of 200',
      `${'5b'.repeat(30)} ...`,
    ),
  },
  {
    name: 'a 100,000-deep YAML block sequence',
    method: 'POST',
    path: DS,
    body: '- '.repeat(DEEP) + 'x',
    contentType: 'application/yaml',
    status: 400,
    message: unrecognized(
      'DaemonSet',
      'error converting YAML to JSON: yaml: exceeded max depth of 200',
      `${'2d20'.repeat(15)} ...`,
    ),
  },
  {
    name: 'a 100,000-deep merge patch',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: deepObject,
    contentType: 'application/merge-patch+json',
    status: 400,
    message: 'error decoding patch: exceeded max depth',
  },
  {
    name: 'a 100,000-deep strategic merge patch',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: deepObject,
    contentType: 'application/strategic-merge-patch+json',
    status: 400,
    message: 'error decoding patch: exceeded max depth',
  },
  {
    name: 'a 100,000-deep JSON patch value',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: `[{"op":"add","path":"/metadata/x","value":${deepObject}}]`,
    contentType: 'application/json-patch+json',
    status: 400,
    message: 'error decoding patch: exceeded max depth',
  },
  {
    name: 'a 100,000-deep apply',
    method: 'PATCH',
    path: `${KUBE_PROXY}?fieldManager=t`,
    body: deepArray,
    contentType: 'application/apply-patch+yaml',
    status: 400,
    message: 'error decoding YAML: error converting YAML to JSON: yaml: exceeded max depth of 200',
  },
  {
    name: 'a 100,000-deep DeleteOptions',
    method: 'DELETE',
    path: KUBE_PROXY,
    body: deepObject,
    contentType: 'application/json',
    status: 400,
    message: unrecognized('DeleteOptions', JSON_DEPTH, OBJECT_SUMMARY),
  },
  {
    name: 'a 201-deep object on several YAML lines',
    method: 'POST',
    path: DS,
    body: 'a:\n' + '['.repeat(201) + ']'.repeat(201),
    contentType: 'application/yaml',
    status: 400,
    message: unrecognized(
      'DaemonSet',
      'error converting YAML to JSON: yaml: line 2: exceeded max depth of 200',
      `613a0a${'5b'.repeat(27)} ...`,
    ),
  },
  {
    name: 'brackets inside a string, which are no nesting',
    method: 'POST',
    path: DS,
    body: JSON.stringify({
      ...JSON.parse(named('brackets')),
      metadata: { name: 'brackets', annotations: { a: '{["\\'.repeat(500) } },
    }),
    contentType: 'application/json',
    status: 201,
    accepted: 'Go counts only brackets outside strings',
  },
  // Malformed text.
  {
    name: 'truncated JSON',
    method: 'POST',
    path: DS,
    body: '{"apiVersion":',
    contentType: 'application/json',
    status: 400,
  },
  { name: 'an empty body', method: 'POST', path: DS, body: '', contentType: 'application/json', status: 400 },
  {
    name: 'a JSON array as the object',
    method: 'POST',
    path: DS,
    body: '[]',
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'a JSON string as the object',
    method: 'POST',
    path: DS,
    body: '"x"',
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'a YAML alias bomb',
    method: 'POST',
    path: DS,
    body:
      'a: &a [x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 120 }, (_, i) => `k${i}: *a`).join('\n'),
    contentType: 'application/yaml',
    status: 400,
  },
  {
    name: 'a JSON patch that is an object',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{}',
    contentType: 'application/json-patch+json',
    status: 400,
  },
  {
    name: 'a JSON patch testing a wrong value',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '[{"op":"test","path":"/metadata/name","value":"other"}]',
    contentType: 'application/json-patch+json',
    status: 422,
  },
  {
    name: 'a JSON patch removing a missing path',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '[{"op":"remove","path":"/spec/nothing"}]',
    contentType: 'application/json-patch+json',
    status: 422,
  },
  {
    name: 'a merge patch renaming the object',
    method: 'PATCH',
    path: KUBE_PROXY,
    body: '{"metadata":{"name":"other"}}',
    contentType: 'application/merge-patch+json',
    status: 400,
  },
  // Query parameters, paths and verbs.
  {
    name: 'fieldValidation=Bogus',
    method: 'POST',
    path: `${DS}?fieldValidation=Bogus`,
    body: named('fv'),
    contentType: 'application/json',
    status: 422,
  },
  { name: 'limit=abc', method: 'GET', path: `${DS}?limit=abc`, status: 400 },
  { name: 'gracePeriodSeconds=x', method: 'DELETE', path: `${KUBE_PROXY}?gracePeriodSeconds=x`, status: 400 },
  {
    name: 'propagationPolicy=Bogus',
    method: 'DELETE',
    path: `${KUBE_PROXY}?propagationPolicy=Bogus`,
    status: 422,
  },
  {
    name: 'a label selector key of 300 characters',
    method: 'GET',
    path: `${DS}?labelSelector=${'k'.repeat(300)}%3Dv`,
    status: 400,
    message: `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(300)}": name part must be no more than 63 bytes`,
  },
  {
    name: 'a label selector value that is no label value',
    method: 'GET',
    path: `${DS}?labelSelector=app%3D-x`,
    status: 400,
    message:
      'unable to parse requirement: values[0][app]: Invalid value: "-x": a valid label must be an empty string or consist of ' +
      "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or " +
      "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  },
  {
    name: 'an unknown resource',
    method: 'GET',
    path: '/apis/apps/v1/namespaces/default/deployments',
    status: 404,
  },
  { name: 'an unknown path', method: 'GET', path: '/nothing/here', status: 404 },
  {
    name: 'a replace of a missing object',
    method: 'PUT',
    path: `${DS}/missing`,
    body: named('missing'),
    contentType: 'application/json',
    status: 404,
  },
  {
    name: 'a replace on the collection',
    method: 'PUT',
    path: DS,
    body: named('c'),
    contentType: 'application/json',
    status: 405,
  },
  { name: 'exec into a pod', method: 'POST', path: '/api/v1/namespaces/default/pods/x/exec', status: 405 },
  {
    name: 'a create of an existing DaemonSet',
    method: 'POST',
    path: '/apis/apps/v1/namespaces/kube-system/daemonsets',
    body: JSON.stringify({ ...validDaemonSet(), metadata: { name: 'kube-proxy', namespace: 'kube-system' } }),
    contentType: 'application/json',
    status: 409,
  },
  {
    name: 'a namespace named with dots',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a.b"}}',
    contentType: 'application/json',
    status: 422,
  },
  {
    name: 'a namespace name of 100 characters',
    method: 'POST',
    path: '/api/v1/namespaces',
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n'.repeat(100) } }),
    contentType: 'application/json',
    status: 422,
  },
  {
    name: 'an advance by a banana',
    method: 'POST',
    path: '/daemonsim/v1/advance?duration=banana',
    status: 400,
  },
  { name: 'an advance backwards', method: 'POST', path: '/daemonsim/v1/advance?duration=-1s', status: 400 },
];
