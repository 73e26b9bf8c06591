import type { ContainerStatus } from 'kubernetes-types/core/v1.js';
import { SimulationError } from '../../errors.js';
import type { Node, Pod } from '../../model/objects.js';
import { parseTimestamp, SIM_EPOCH_MS, type SimTime } from '../../model/time.js';
import type { ImageBehaviours, LogLine } from './imageBehaviour.js';
import { imageBehaviourOf, imageRepository } from './imageBehaviour.js';

/** Options of {@link containerLogs}, as `kubectl logs` flags. */
export interface LogOptions {
  /** `--previous`: the container's previous instance (after a restart). */
  readonly previous?: boolean;
  /** `--since-time`: only lines at or after this simulated time. */
  readonly sinceTime?: SimTime;
  /** `--tail`: only the last N lines (negative: all). */
  readonly tail?: number;
  /** `--timestamps`: prefix each line with its RFC 3339 timestamp. */
  readonly timestamps?: boolean;
  /**
   * Milliseconds added to every time the text shows (klog headers, `{{time}}`, `--timestamps`),
   * for a server that presents simulated time on another clock, so the klog date inside a line
   * agrees with its `--timestamps` prefix. @defaultValue 0
   */
  readonly clockShift?: number;
}

const KLOG = 'I{{klogTime}}       1 ';

/** kube-proxy's start-up lines (iptables mode), as kube-proxy 1.32 logs them with klog. */
const KUBE_PROXY: readonly LogLine[] = [
  { after: 12, text: `${KLOG}server_linux.go:66] "Using iptables proxy"` },
  { after: 31, text: `${KLOG}server_linux.go:153] "Detected node IP" address="{{nodeIP}}"` },
  { after: 33, text: `${KLOG}conntrack.go:60] "Setting nf_conntrack_max" nfConntrackMax=131072` },
  { after: 40, text: `${KLOG}server_linux.go:170] "Using iptables Proxier"` },
  {
    after: 41,
    text: `${KLOG}proxier.go:255] "Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"`,
  },
  { after: 52, text: `${KLOG}server.go:497] "Version info" version="v1.32.0-eks-5e0fdde"` },
  { after: 60, text: `${KLOG}config.go:199] "Starting service config controller"` },
  { after: 60, text: `${KLOG}shared_informer.go:313] Waiting for caches to sync for service config` },
  { after: 61, text: `${KLOG}config.go:105] "Starting endpoint slice config controller"` },
  { after: 61, text: `${KLOG}shared_informer.go:313] Waiting for caches to sync for endpoint slice config` },
  { after: 62, text: `${KLOG}config.go:329] "Starting node config controller"` },
  { after: 62, text: `${KLOG}shared_informer.go:313] Waiting for caches to sync for node config` },
  { after: 163, text: `${KLOG}shared_informer.go:320] Caches are synced for node config` },
  { after: 163, text: `${KLOG}shared_informer.go:320] Caches are synced for service config` },
  { after: 164, text: `${KLOG}shared_informer.go:320] Caches are synced for endpoint slice config` },
];

const awsLine = (after: number, msg: string): LogLine => ({
  after,
  text: `{"level":"info","ts":"{{time}}","caller":"entrypoint.sh","msg":"${msg}"}`,
});

/** The Amazon VPC CNI's entrypoint lines (aws-node). */
const AWS_NODE: readonly LogLine[] = [
  awsLine(20, 'Validating env variables ...'),
  awsLine(21, 'Install CNI binaries..'),
  awsLine(45, 'Starting IPAM daemon in the background ... '),
  awsLine(46, 'Checking for IPAM connectivity ... '),
  awsLine(1050, 'Retrying waiting for IPAM-D'),
  awsLine(2060, 'Copying config file ... '),
  awsLine(2075, 'Successfully copied CNI plugin binary and config file.'),
  awsLine(2076, 'Foregrounding IPAM daemon ...'),
];

/** Any other image: a generic start-up. */
const GENERIC: readonly LogLine[] = [
  { after: 5, text: 'starting {{container}} on node {{nodeName}} ({{nodeIP}})' },
  { after: 40, text: '{{container}} started: pod {{namespace}}/{{podName}} ip {{podIP}}' },
];

/**
 * The default log program of an image: kube-proxy's and aws-node's start-up lines for those
 * images, a generic two-line start-up otherwise. Upstream has no counterpart.
 */
export function defaultLogProgram(image: string): readonly LogLine[] {
  const repo = imageRepository(image);
  if (repo.endsWith('/kube-proxy') || repo === 'kube-proxy') return KUBE_PROXY;
  if (repo.endsWith('/amazon-k8s-cni') || repo.endsWith('/aws-node')) return AWS_NODE;
  return GENERIC;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function render(line: LogLine, at: SimTime, vars: Readonly<Record<string, string>>, shift: number): string {
  const d = new Date(SIM_EPOCH_MS + at + shift);
  const klogTime = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
  const all: Record<string, string> = { ...vars, klogTime, time: d.toISOString() };
  return line.text.replace(/\{\{(\w+)\}\}/g, (m, name: string) =>
    Object.hasOwn(all, name) ? all[name]! : m,
  );
}

function nanoTimestamp(at: SimTime, shift: number): string {
  return new Date(SIM_EPOCH_MS + at + shift).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/**
 * What `kubectl logs` prints for one container of a pod at `now`: the lines its log program
 * wrote during the current (or, with `previous`, the previous) container instance, one per
 * line with a trailing newline, optionally timestamped, filtered by `sinceTime` and `tail`.
 * Throws `SimulationError` with the kubelet's and API server's messages: `BadRequest` for a
 * missing container name, a waiting container or no previous instance; `NotFound` for an
 * unknown container.
 * Mirrors the kubelet's `GetContainerLogs` behind `pods/log`; the lines are a pure function of
 * the pod's container statuses (start and finish times), so they need no stored state.
 * Deviation: container start times come from `status` at second precision.
 */
export function containerLogs(
  pod: Pod,
  node: Node | undefined,
  images: ImageBehaviours,
  now: SimTime,
  container: string | undefined,
  options: LogOptions = {},
): string {
  const name = pod.metadata.name;
  const containers = pod.spec.containers.map((c) => c.name);
  if (container === undefined || container === '') {
    if (containers.length !== 1)
      throw new SimulationError(
        'BadRequest',
        `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`,
        { path: 'container' },
      );
    container = containers[0]!;
  }
  const spec = pod.spec.containers.find((c) => c.name === container);
  if (spec === undefined)
    throw new SimulationError('BadRequest', `container ${container} is not valid for pod ${name}`, {
      path: 'container',
    });
  const status: ContainerStatus | undefined = pod.status.containerStatuses?.find((s) => s.name === container);
  let startedAt: string | undefined;
  let finishedAt: string | undefined;
  if (options.previous === true) {
    const last = status?.lastState?.terminated;
    if (last === undefined)
      throw new SimulationError(
        'BadRequest',
        `previous terminated container "${container}" in pod "${name}" not found`,
        { path: 'previous' },
      );
    startedAt = last.startedAt;
    finishedAt = last.finishedAt;
  } else if (status?.state?.running !== undefined) {
    startedAt = status.state.running.startedAt;
  } else if (status?.state?.terminated !== undefined) {
    startedAt = status.state.terminated.startedAt;
    finishedAt = status.state.terminated.finishedAt;
  } else {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    if (status?.lastState?.terminated === undefined || reason !== 'CrashLoopBackOff') {
      throw new SimulationError(
        'BadRequest',
        `container "${container}" in pod "${name}" is waiting to start: ${reason}`,
        { path: 'container' },
      );
    }
    // A container in CrashLoopBackOff shows the logs of the instance that exited.
    startedAt = status.lastState.terminated.startedAt;
    finishedAt = status.lastState.terminated.finishedAt;
  }
  if (startedAt === undefined) return '';
  const start = parseTimestamp(startedAt);
  const end = finishedAt === undefined ? now : Math.min(now, parseTimestamp(finishedAt) + 999);
  const behaviour = imageBehaviourOf(images, spec.image);
  const program = behaviour.logs ?? defaultLogProgram(spec.image ?? '');
  const vars = {
    nodeName: pod.spec.nodeName ?? '',
    nodeIP: node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? pod.status.hostIP ?? '',
    podName: name,
    podIP: pod.status.podIP ?? '',
    namespace: pod.metadata.namespace,
    container,
  };
  const shift = options.clockShift ?? 0;
  let lines: { at: SimTime; text: string }[] = [];
  for (const line of program) {
    const at = start + line.after;
    if (at > end) continue;
    if (options.sinceTime !== undefined && at < options.sinceTime) continue;
    lines.push({ at, text: render(line, at, vars, shift) });
  }
  if (options.tail !== undefined && options.tail >= 0)
    lines = options.tail === 0 ? [] : lines.slice(-options.tail);
  let out = '';
  for (const l of lines)
    out += `${options.timestamps === true ? `${nanoTimestamp(l.at, shift)} ` : ''}${l.text}\n`;
  return out;
}
