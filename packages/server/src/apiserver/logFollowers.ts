import type { ServerResponse } from 'node:http';
import type { LogOptions, Pod, Simulation } from '@daemonsim/core';
import { parseLogRequest } from './logs.js';

/** An open `kubectl logs -f`: the response, the container instance followed, the lines sent. */
interface LogFollower {
  readonly res: ServerResponse;
  readonly key: string;
  readonly uid: string;
  readonly container: string;
  readonly restarts: number;
  readonly options: LogOptions;
  readonly timestamps: boolean;
  sent: number;
}

/** The number of newline-terminated lines in `text`. */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * `GET pods/{name}/log` and the open `kubectl logs -f` streams, which grow as the virtual clock
 * moves. Upstream counterpart: the kubelet's log endpoint proxied by the API server.
 */
export class LogFollowers {
  private readonly followers = new Set<LogFollower>();

  constructor(
    private readonly simulation: Simulation,
    private readonly timeShift: () => number,
  ) {}

  /** `GET pods/{name}/log`: the engine's log text, or with `follow` a stream that grows with the virtual clock. */
  podLog(res: ServerResponse, pod: Pod, query: URLSearchParams): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const shift = this.timeShift();
    const request = parseLogRequest(query, this.simulation.now, shift);
    // Every time in the text (klog headers, --timestamps) on the presented clock.
    let text = this.simulation.logs(key, request.container, { ...request.options, clockShift: shift });
    if (request.limitBytes !== undefined) {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > request.limitBytes) text = bytes.subarray(0, request.limitBytes).toString('utf8');
    }
    const container = request.container ?? pod.spec.containers[0]!.name;
    const status = pod.status.containerStatuses?.find((c) => c.name === container);
    if (!request.follow || request.options.previous === true || status?.state?.running === undefined) {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
      res.end(text);
      return;
    }
    const { tail: _tail, ...options } = request.options;
    const full = { ...options, timestamps: true };
    const follower: LogFollower = {
      res,
      key,
      uid: pod.metadata.uid,
      container,
      restarts: status.restartCount,
      options: full,
      timestamps: request.options.timestamps === true,
      sent: countLines(this.simulation.logs(key, container, full)),
    };
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.write(text);
    this.followers.add(follower);
    res.on('close', () => this.followers.delete(follower));
  }

  /** Writes the lines followed containers logged since the last pump; ends the streams of containers that stopped. */
  pump(): void {
    if (this.followers.size === 0) return;
    const shift = this.timeShift();
    for (const f of [...this.followers]) {
      const pod = this.simulation.view.getPod(f.key);
      const status = pod?.status.containerStatuses?.find((c) => c.name === f.container);
      const same =
        pod !== undefined &&
        pod.metadata.uid === f.uid &&
        status !== undefined &&
        status.restartCount === f.restarts;
      let lines: string[] = [];
      if (same) {
        try {
          const all = this.simulation
            .logs(f.key, f.container, { ...f.options, clockShift: shift })
            .split('\n');
          all.pop();
          lines = all.slice(f.sent);
          f.sent = all.length;
        } catch {
          lines = [];
        }
      }
      if (lines.length > 0) {
        const text = lines.map((l) => `${f.timestamps ? l : l.slice(l.indexOf(' ') + 1)}\n`).join('');
        f.res.write(text);
      }
      if (!same || status?.state?.running === undefined) {
        this.followers.delete(f);
        f.res.end();
      }
    }
  }

  /** Ends every open stream. */
  stop(): void {
    for (const f of this.followers) f.res.end();
    this.followers.clear();
  }
}
