import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { delimiter, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliError } from './cliIo.js';

/** The kubeconfig `daemonsim serve` writes unless told otherwise, in the working directory. */
export const DEFAULT_KUBECONFIG = 'daemonsim.kubeconfig';
/** The server `daemonsim serve` listens on by default, when no kubeconfig names one. */
export const DEFAULT_SERVER = 'https://127.0.0.1:8080';

/** How the CLI reaches a serving cluster: its URL, TLS trust and credentials, and where they came from. */
export interface ServerTarget {
  readonly url: string;
  /** Where the URL came from, for hints: `--server`, `--kubeconfig FILE`, `KUBECONFIG=...`, ... */
  readonly source: string;
  readonly ca?: Buffer;
  readonly insecureSkipTlsVerify?: boolean;
  readonly tlsServerName?: string;
  readonly token?: string;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** The flags every command that talks to a server takes. */
export interface ServerFlags {
  readonly server?: string;
  readonly kubeconfig?: string;
}

interface KubeconfigFile {
  readonly path: string;
  readonly currentContext: string | undefined;
  readonly clusters: ReadonlyMap<string, Record<string, unknown>>;
  readonly users: ReadonlyMap<string, Record<string, unknown>>;
  readonly contexts: ReadonlyMap<string, Record<string, unknown>>;
}

function readKubeconfig(path: string): KubeconfigFile {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(
      `cannot read kubeconfig ${path}: ${error instanceof Error ? error.message : String(error)}`,
      'daemonsim serve writes one (daemonsim.kubeconfig by default); pass it with --kubeconfig FILE or KUBECONFIG',
    );
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  const entries = (list: unknown, field: string): Map<string, Record<string, unknown>> => {
    const out = new Map<string, Record<string, unknown>>();
    for (const item of Array.isArray(list) ? (list as (Record<string, unknown> | null)[]) : []) {
      const value = item?.[field];
      const name = item?.name;
      if (typeof name === 'string' && value !== null && typeof value === 'object' && !out.has(name))
        out.set(name, value as Record<string, unknown>);
    }
    return out;
  };
  return {
    path,
    currentContext: typeof root['current-context'] === 'string' ? root['current-context'] : undefined,
    clusters: entries(root.clusters, 'cluster'),
    users: entries(root.users, 'user'),
    contexts: entries(root.contexts, 'context'),
  };
}

/** A kubeconfig field holding a file path, resolved against the kubeconfig's directory as kubectl does. */
function readReferenced(
  file: KubeconfigFile,
  data: unknown,
  path: unknown,
  what: string,
): Buffer | undefined {
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  if (typeof path !== 'string') return undefined;
  const full = resolve(dirname(file.path), path);
  try {
    return readFileSync(full);
  } catch (error) {
    throw new CliError(
      `cannot read the ${what} ${full} named by kubeconfig ${file.path}: ${error instanceof Error ? error.message : String(error)}`,
      'fix the kubeconfig or point --kubeconfig at the file daemonsim serve wrote',
    );
  }
}

/**
 * The server the CLI talks to: `--server` if given, else the current context of `--kubeconfig`,
 * else of `$KUBECONFIG` (its files merged as kubectl merges them: the first to set a name wins),
 * else of `./daemonsim.kubeconfig` if it exists, else `https://127.0.0.1:8080`. `--server` with a
 * kubeconfig keeps the kubeconfig's credentials. Mirrors clientcmd's loading rules
 * (`ClientConfigLoadingRules`); deviation: never `~/.kube/config`, which names real clusters that
 * `daemonsim node remove` must not reach by accident.
 */
export function resolveServer(
  flags: ServerFlags,
  env: Readonly<Record<string, string | undefined>>,
): ServerTarget {
  let files: KubeconfigFile[] = [];
  let source: string;
  if (flags.kubeconfig !== undefined) {
    files = [readKubeconfig(flags.kubeconfig)];
    source = `--kubeconfig ${flags.kubeconfig}`;
  } else if (env.KUBECONFIG !== undefined && env.KUBECONFIG !== '') {
    const paths = env.KUBECONFIG.split(delimiter).filter((p) => p !== '' && existsSync(p));
    if (paths.length === 0)
      throw new CliError(
        `KUBECONFIG=${env.KUBECONFIG} names no file that exists`,
        'start a server with daemonsim serve (it writes daemonsim.kubeconfig), then export KUBECONFIG=$PWD/daemonsim.kubeconfig',
      );
    files = paths.map(readKubeconfig);
    source = `KUBECONFIG=${env.KUBECONFIG}`;
  } else if (existsSync(DEFAULT_KUBECONFIG)) {
    files = [readKubeconfig(DEFAULT_KUBECONFIG)];
    source = `./${DEFAULT_KUBECONFIG}`;
  } else source = `the default (no --server, --kubeconfig, KUBECONFIG or ./${DEFAULT_KUBECONFIG})`;
  if (flags.server !== undefined) source = '--server';
  if (files.length === 0) return { url: flags.server ?? DEFAULT_SERVER, source };
  const first = <T>(pick: (f: KubeconfigFile) => T | undefined): T | undefined => {
    for (const f of files) {
      const v = pick(f);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const where = files.map((f) => f.path).join(delimiter);
  const contextName = first((f) => f.currentContext);
  if (contextName === undefined)
    throw new CliError(
      `kubeconfig ${where} has no current-context`,
      'use the kubeconfig daemonsim serve wrote',
    );
  const context = first((f) => f.contexts.get(contextName));
  if (context === undefined)
    throw new CliError(
      `context "${contextName}" not found in kubeconfig ${where}`,
      'use the kubeconfig daemonsim serve wrote',
    );
  const clusterName = String(context.cluster ?? '');
  const clusterFile = files.find((f) => f.clusters.has(clusterName));
  const cluster = clusterFile?.clusters.get(clusterName);
  if (clusterFile === undefined || cluster === undefined)
    throw new CliError(
      `cluster "${clusterName}" not found in kubeconfig ${where}`,
      'use the kubeconfig daemonsim serve wrote',
    );
  const userName = String(context.user ?? '');
  const userFile = files.find((f) => f.users.has(userName));
  const user = userFile?.users.get(userName) ?? {};
  const url = flags.server ?? (typeof cluster.server === 'string' ? cluster.server : undefined);
  if (url === undefined)
    throw new CliError(
      `cluster "${clusterName}" in kubeconfig ${where} has no server`,
      'use the kubeconfig daemonsim serve wrote',
    );
  const ca = readReferenced(
    clusterFile,
    cluster['certificate-authority-data'],
    cluster['certificate-authority'],
    'certificate authority',
  );
  const tokenFile =
    userFile === undefined ? undefined : readReferenced(userFile, undefined, user.tokenFile, 'token file');
  const token = typeof user.token === 'string' ? user.token : tokenFile?.toString('utf8').trim();
  const cert =
    userFile === undefined
      ? undefined
      : readReferenced(
          userFile,
          user['client-certificate-data'],
          user['client-certificate'],
          'client certificate',
        );
  const key =
    userFile === undefined
      ? undefined
      : readReferenced(userFile, user['client-key-data'], user['client-key'], 'client key');
  return {
    url,
    source,
    ...(ca === undefined ? {} : { ca }),
    ...(cluster['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}),
    ...(typeof cluster['tls-server-name'] === 'string' ? { tlsServerName: cluster['tls-server-name'] } : {}),
    ...(token === undefined || token === '' ? {} : { token }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}

/** An HTTP answer: status code and the parsed JSON body (undefined when it is not JSON). */
export interface ServerResponse {
  readonly status: number;
  readonly body: unknown;
}

/** The codes Node gives a TLS connection whose server certificate it does not trust. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The hint for a server that cannot be reached or trusted, naming where its address came from. */
function unreachableHint(target: ServerTarget, error: NodeJS.ErrnoException): string {
  if (error.code !== undefined && UNTRUSTED_CERTIFICATE.has(error.code))
    return `the server's certificate is not signed by a CA from ${target.source}; use the kubeconfig this daemonsim serve wrote (it holds the run's CA and token)`;
  if (error.code === 'ECONNRESET' && target.url.startsWith('http:'))
    return `daemonsim serve speaks HTTPS unless started with --insecure-http; use the kubeconfig it wrote (the address came from ${target.source})`;
  return `is daemonsim serve running? The address came from ${target.source}; name another with --server URL or --kubeconfig FILE`;
}

/**
 * Sends one request to the serving cluster with the target's TLS trust and credentials and reads
 * the JSON answer. A connection failure is a {@link CliError} naming the server and where its
 * address came from. Mirrors client-go's `rest.Request` (one try, no retries).
 */
export function sendRequest(
  target: ServerTarget,
  method: string,
  path: string,
  body?: { readonly contentType: string; readonly value: unknown },
): Promise<ServerResponse> {
  let url: URL;
  try {
    url = new URL(path, target.url.endsWith('/') ? target.url : `${target.url}/`);
  } catch {
    return Promise.reject(
      new CliError(
        `invalid server URL ${JSON.stringify(target.url)} (from ${target.source})`,
        'a server URL looks like https://127.0.0.1:8080',
      ),
    );
  }
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body.value));
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'daemonsim-cli',
    ...(payload === undefined
      ? {}
      : { 'Content-Type': body!.contentType, 'Content-Length': String(payload.length) }),
    ...(target.token === undefined ? {} : { Authorization: `Bearer ${target.token}` }),
  };
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(
      new CliError(
        `unsupported server URL scheme ${url.protocol} in ${target.url} (from ${target.source})`,
        'a server URL starts with http:// or https://',
      ),
    );
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<ServerResponse>((resolvePromise, reject) => {
    const req = send(
      url,
      {
        method,
        headers,
        // A fresh connection per request: a one-shot CLI gains nothing from keep-alive.
        agent: false,
        ...(url.protocol === 'https:'
          ? {
              ...(target.ca === undefined ? {} : { ca: target.ca }),
              ...(target.cert === undefined ? {} : { cert: target.cert }),
              ...(target.key === undefined ? {} : { key: target.key }),
              ...(target.tlsServerName === undefined ? {} : { servername: target.tlsServerName }),
              rejectUnauthorized: target.insecureSkipTlsVerify !== true,
            }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolvePromise({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          `cannot reach the daemonsim server at ${target.url}: ${error.message}`,
          unreachableHint(target, error),
        ),
      ),
    );
    req.end(payload);
  });
}

/**
 * Throws a {@link CliError} for a non-2xx answer, with the Status message the server gave and a
 * hint for the usual causes (401: credentials, 404 on daemonsim's own paths: not a daemonsim server).
 */
export function checkResponse(target: ServerTarget, res: ServerResponse, what: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const status = res.body as { message?: unknown; details?: { name?: unknown } } | undefined;
  const text = typeof status?.message === 'string' ? status.message : `HTTP ${res.status}`;
  const hint =
    res.status === 401 || res.status === 403
      ? `the server refused the credentials from ${target.source}; use the kubeconfig this daemonsim serve wrote`
      : res.status === 404 && status?.details?.name !== undefined
        ? 'list what exists with kubectl get nodes (or daemonsim get)'
        : res.status === 404
          ? `${target.url} has no ${what}: is it a daemonsim serve (address from ${target.source})?`
          : res.status === 409
            ? 'the name is taken (or the object changed meanwhile): list what exists with kubectl get nodes'
            : res.status === 400 || res.status === 422
              ? 'correct the value the message names and try again'
              : `the server could not do it; its log (the terminal running daemonsim serve) may say more`;
  throw new CliError(text, hint);
}

/**
 * Checks that the target is a daemonsim serve (it answers `GET /daemonsim/v1/time`) before the
 * CLI writes to it, so a kubeconfig naming a real cluster is refused; returns the time body.
 * Upstream has no counterpart.
 */
export async function daemonsimTime(target: ServerTarget): Promise<{ readonly time?: string }> {
  const res = await sendRequest(target, 'GET', '/daemonsim/v1/time');
  checkResponse(target, res, '/daemonsim/v1/time');
  return (res.body ?? {}) as { time?: string };
}
