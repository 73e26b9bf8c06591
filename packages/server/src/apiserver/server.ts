import { chmodSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { Simulation } from '@daemonsim/core';
import type { ReplayLog } from '@daemonsim/scenarios';
import type { ApiContext } from './apiContext.js';
import { newBearerToken } from './bearerToken.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { ListSnapshots } from './listSnapshots.js';
import { LogFollowers } from './logFollowers.js';
import { handleRequest } from './routeRequest.js';
import { issueServingCertificates } from './servingCertificates.js';
import { defaultViewRoot } from './viewFiles.js';
import { VirtualClock } from './virtualClock.js';
import { WatchHub } from './watchHub.js';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Address to listen on; only loopback unless given explicitly. @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** Simulated seconds per wall-clock second. @defaultValue 1 */
  readonly speed?: number;
  /** Freeze the virtual clock; only `advance` moves it. @defaultValue false */
  readonly paused?: boolean;
  /** The largest request body accepted. @defaultValue 3 MiB, as the API server's limit */
  readonly maxBodyBytes?: number;
  /**
   * Present timestamps on the wall clock: every timestamp is shifted so that the simulated
   * "now" reads as the real now, so that ages kubectl computes itself (describe's events) are
   * simulated ages. Half a second is taken off so that whole-second ages do not flicker.
   * `false` serves the simulation's own dates (2026-01-01 onwards). @defaultValue true
   */
  readonly wallClockTimestamps?: boolean;
  /** How often the virtual clock catches up with the wall clock, in ms. @defaultValue 50 */
  readonly tickMs?: number;
  /**
   * Serve plain HTTP with no authentication, as before a cluster has certificates: for
   * in-process tests and `serve --insecure-http`. Otherwise HTTPS with a per-run CA and a random
   * bearer token, both in {@link ApiServer.kubeconfig}. @defaultValue false
   */
  readonly insecureHttp?: boolean;
  /** The log `GET /daemonsim/v1/replay` answers with (`daemonsim serve` records one); none: 404. */
  readonly replayLog?: () => ReplayLog;
  /** The built browser view served at `/ui/`. @defaultValue {@link defaultViewRoot} */
  readonly viewRoot?: string;
}

/** A running simulated API server, as {@link startApiServer} returns it. */
export interface ApiServer {
  /** `https://127.0.0.1:<port>` (`http://` with `insecureHttp`); a wildcard host reads as loopback. */
  readonly url: string;
  readonly port: number;
  /** The bearer token every request but the public paths needs; undefined with `insecureHttp`. */
  readonly token: string | undefined;
  /** The PEM of the per-run CA that signed the serving certificate; undefined with `insecureHttp`. */
  readonly certificateAuthority: string | undefined;
  readonly simulation: Simulation;
  /**
   * The browser view following this server (`/ui/?follow=1`, the token in the fragment, which
   * the browser never sends); undefined when the view is not built.
   */
  readonly viewUrl: string | undefined;
  /** Moves the virtual clock forward by `ms` milliseconds, processing what falls due. */
  advance(ms: number): readonly string[];
  /** Stops the clock, ends open watches and closes the listening socket. */
  close(): Promise<void>;
  /**
   * The kubeconfig text for this server (its CA as `certificate-authority-data`, its token as the
   * user's `token`); also written to `path`, readable by its owner only, when given.
   */
  kubeconfig(path?: string): string;
}

/** The addresses that mean "every interface" to `listen`. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * The names a client may reach `host` by, for the serving certificate: the host itself, or for
 * a wildcard every interface's address and the machine's name.
 */
function servingNames(host: string): string[] {
  if (!WILDCARD_HOSTS.has(host)) return [host];
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return [hostname(), ...addresses].sort();
}

/** The request size limit of kube-apiserver (`MaxRequestBodyBytes`, 3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/**
 * Serves `simulation` over a Kubernetes-compatible HTTPS API that kubectl 1.32 uses unchanged:
 * discovery, get/list/watch with Table output, create/apply/patch/replace/delete mapped to
 * simulator events at the current simulated time, `pods/log`, and `Status` errors. A timer moves
 * the virtual clock `speed` simulated seconds per wall second unless `paused`; `POST
 * /daemonsim/v1/advance?duration=90s` and `GET /daemonsim/v1/time` sit beside the Kubernetes paths.
 * Upstream counterpart: kube-apiserver (with etcd and the controllers played by the simulation).
 * Deletes take `gracePeriodSeconds` (0: at once), every write honours `dryRun=All`, node Leases
 * are served from `kube-node-lease` (coordination.k8s.io/v1) as the engine computes them.
 * TLS uses a CA made for this server alone and every request needs its bearer token (see
 * {@link ApiServer.kubeconfig}), as a kind or k3s cluster's kubeconfig carries them.
 * Deviations: one static token instead of authentication plugins and no authorisation, no
 * protobuf or field managers (server-side apply merges as a strategic merge patch); Leases are
 * read-only and not watched.
 */
export async function startApiServer(
  simulation: Simulation,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`startApiServer: speed: Invalid value: ${speed}: must be a positive number`);
  const timeShift = (): number => clock.timeShift();
  const logs = new LogFollowers(simulation, timeShift);
  const watches = new WatchHub(simulation, timeShift);
  const clock: VirtualClock = new VirtualClock(
    simulation,
    speed * 1,
    options.paused === true,
    options.tickMs ?? 50,
    options.wallClockTimestamps ?? true,
    () => logs.pump(),
  );
  const insecure = options.insecureHttp === true;
  const token = insecure ? undefined : newBearerToken();
  const certificates = insecure ? undefined : await issueServingCertificates(servingNames(host));
  const ctx: ApiContext = {
    simulation,
    clock,
    watches,
    logs,
    lists: new ListSnapshots(),
    maxBody: options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES,
    token,
    replayLog: options.replayLog,
    viewRoot: options.viewRoot ?? defaultViewRoot(),
    serverAddress: '127.0.0.1:0',
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void handleRequest(ctx, req, res);
  };
  const server =
    certificates === undefined
      ? createHttpServer(listener)
      : createHttpsServer({ cert: certificates.certPem, key: certificates.keyPem }, listener);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const reachAt = host === '::' ? '::1' : WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
  const hostInUrl = reachAt.includes(':') ? `[${reachAt}]` : reachAt;
  const url = `${insecure ? 'http' : 'https'}://${hostInUrl}:${port}`;
  ctx.serverAddress = `${hostInUrl}:${port}`;
  return {
    url,
    port,
    token,
    certificateAuthority: certificates?.caPem,
    simulation,
    viewUrl:
      ctx.viewRoot === undefined
        ? undefined
        : `${url}/ui/?follow=1${token === undefined ? '' : `#token=${token}`}`,
    advance: (ms) => clock.advance(ms),
    close: () =>
      new Promise<void>((resolve, reject) => {
        clock.stop();
        watches.stop();
        logs.stop();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
    kubeconfig: (path) => {
      const text = kubeconfigYaml(url, {
        ...(certificates === undefined ? {} : { certificateAuthority: certificates.caPem }),
        ...(token === undefined ? {} : { token }),
      });
      if (path !== undefined) {
        writeFileSync(path, text, { mode: 0o600 });
        // The mode above applies to a new file only; one left by an earlier run keeps its own.
        chmodSync(path, 0o600);
      }
      return text;
    },
  };
}
