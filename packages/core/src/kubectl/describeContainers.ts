import type {
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Probe,
  ResourceRequirements,
  TopologySpreadConstraint,
  Volume,
} from 'kubernetes-types/core/v1.js';
import type { Pod } from '../model/objects.js';
import { formatLabelSelector } from '../model/labelSelector.js';
import { formatQuantity, parseExactQuantity } from './quantityString.js';
import {
  compareStrings,
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  stringOrNone,
  type PrefixWriter,
} from './prefixWriter.js';

/**
 * Writes a `Containers:` (or `Init Containers:`) block: per container its image, ports, host
 * ports, command, args, state (when a status is given), limits, requests, probes, environment
 * and mounts; `space` is the extra indent templates use (`"  "`).
 * Mirrors `describeContainers` and its helpers (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviations: env `fieldRef` values resolve the common pod fields only (name, namespace, uid,
 * labels/annotations entries, node name, service account, pod and host IPs); no seccomp lines.
 */
export function writeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod | undefined,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = statuses === undefined ? undefined : byName.get(container.name);
    const nameIndent = space.length > 0 ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${container.name}:\n`);
    if (status !== undefined) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
    if (status !== undefined) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`);
    const ports = describePorts(container.ports, (p) => p.containerPort);
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = describePorts(container.ports, (p) => p.hostPort ?? 0);
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    writeCommand(w, container);
    if (status !== undefined) writeContainerState(w, status);
    writeResources(w, container.resources, LEVEL_2);
    writeProbes(w, container);
    if ((container.envFrom ?? []).length > 0) writeEnvFrom(w, container);
    writeEnv(w, container, pod);
    writeMounts(w, container);
  }
}

function describePorts(
  ports: readonly ContainerPort[] | undefined,
  pick: (p: ContainerPort) => number,
): string {
  // The API server defaults the protocol to TCP.
  return (ports ?? []).map((p) => `${pick(p)}/${p.protocol ?? 'TCP'}`).join(', ');
}

function writeCommand(w: PrefixWriter, container: Container): void {
  for (const [title, lines] of [
    ['Command', container.command],
    ['Args', container.args],
  ] as const) {
    if (lines === undefined || lines.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const line of lines) for (const s of line.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/**
 * Writes `Limits:` and `Requests:` with resource names sorted and quantities in canonical form.
 * Mirrors `describeResources` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function writeResources(
  w: PrefixWriter,
  resources: ResourceRequirements | undefined,
  level: number,
): void {
  if (resources === undefined) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${formatQuantity(String(list?.[name] ?? ''))}\n`);
  }
}

function writeContainerState(w: PrefixWriter, status: ContainerStatus): void {
  writeState(w, 'State', status.state);
  if (status.lastState?.terminated !== undefined) writeState(w, 'Last State', status.lastState);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
}

function writeState(w: PrefixWriter, stateName: string, state: ContainerState | undefined): void {
  if (state?.running !== undefined) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting !== undefined) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if ((state.waiting.reason ?? '') !== '') w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated !== undefined) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if ((t.reason ?? '') !== '') w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if ((t.message ?? '') !== '') w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function writeProbes(w: PrefixWriter, container: Container): void {
  if (container.livenessProbe !== undefined)
    w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe !== undefined)
    w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  if (container.startupProbe !== undefined)
    w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

/**
 * Renders a probe as `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
 * Mirrors `DescribeProbe` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviation: the URL is assembled by hand rather than by Go's `url.URL`, so no escaping.
 */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec !== undefined) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet !== undefined) {
    const http = probe.httpGet;
    const scheme = (http.scheme ?? '').toLowerCase();
    const port = String(http.port);
    const rawHost = http.host ?? '';
    const host = port.length > 0 ? `${rawHost.includes(':') ? `[${rawHost}]` : rawHost}:${port}` : rawHost;
    const path = http.path ?? '';
    const url = `${scheme === '' ? '' : `${scheme}:`}//${host}${path !== '' && !path.startsWith('/') ? `/${path}` : path}`;
    return `http-get ${url} ${attrs}`;
  }
  if (probe.tcpSocket !== undefined)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc !== undefined) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeEnvFrom(w: PrefixWriter, container: Container): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of container.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef !== undefined) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef !== undefined) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    const prefix = e.prefix ?? '';
    if (prefix === '') w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`);
  }
}

function writeEnv(w: PrefixWriter, container: Container, pod: Pod | undefined): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (from === undefined) {
      (e.value ?? '').split('\n').forEach((s, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
      });
    } else if (from.fieldRef !== undefined) {
      const value = pod === undefined ? '' : resolveFieldRef(pod, from.fieldRef.fieldPath);
      w.write(
        LEVEL_3,
        `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef !== undefined) {
      const resource = from.resourceFieldRef.resource;
      let value = resourceFieldValue(container, e);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef !== undefined) {
      const ref = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    } else if (from.configMapKeyRef !== undefined) {
      const ref = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    }
  }
}

function resolveFieldRef(pod: Pod, fieldPath: string): string {
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (subscript !== null) {
    const map = subscript[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[subscript[2] ?? ''] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status.hostIP ?? '';
    case 'status.podIP':
      return pod.status.podIP ?? '';
    case 'status.podIPs':
      return (pod.status.podIPs ?? []).map((ip) => ip.ip).join(',');
    case 'status.hostIPs':
      return (pod.status.hostIPs ?? []).map((ip) => ip.ip).join(',');
    default:
      return '';
  }
}

/** `resourcehelper.ExtractContainerResourceValue`: the container's limit or request divided by the divisor, rounded up. */
function resourceFieldValue(container: Container, e: EnvVar): string {
  const ref = e.valueFrom?.resourceFieldRef;
  if (ref === undefined) return '';
  const [kind, name] = ref.resource.split('.', 2) as [string, string | undefined];
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const quantity = parseExactQuantity(String(list?.[name ?? ''] ?? '0'));
  const divisor = parseExactQuantity(String(ref.divisor ?? '1'));
  if (quantity === undefined || divisor === undefined || divisor.nanos === 0n) return '';
  let value = quantity.nanos / divisor.nanos;
  if (value * divisor.nanos < quantity.nanos) value += 1n;
  return String(value);
}

function writeMounts(w: PrefixWriter, container: Container): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => compareStrings(a.mountPath, b.mountPath));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const mount of mounts) {
    const flags = [mount.readOnly === true ? 'ro' : 'rw'];
    if ((mount.subPath ?? '') !== '') flags.push(`path=${JSON.stringify(mount.subPath)}`);
    w.write(LEVEL_3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`);
  }
  const devices = [...(container.volumeDevices ?? [])].sort((a, b) =>
    compareStrings(a.devicePath, b.devicePath),
  );
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const device of devices) w.write(LEVEL_3, `${device.devicePath} from ${device.name}\n`);
  }
}

/**
 * Writes a `Volumes:` block (`Volumes:\t<none>` when empty) with each volume's source.
 * Mirrors `describeVolumes` and the `print*VolumeSource` helpers (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviation: HostPath, EmptyDir, Secret, ConfigMap, Projected, DownwardAPI and
 * PersistentVolumeClaim sources are described; any other prints `<unknown>`.
 */
export function writeVolumes(w: PrefixWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (volumes === undefined || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${volume.name}:\n`);
    if (volume.hostPath !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${volume.hostPath.path}\n    HostPathType:\t${volume.hostPath.type ?? '<none>'}\n`,
      );
    } else if (volume.emptyDir !== undefined) {
      const limit = volume.emptyDir.sizeLimit;
      const parsed = limit === undefined ? undefined : parseExactQuantity(String(limit));
      const sizeLimit = parsed !== undefined && parsed.nanos > 0n ? formatQuantity(parsed) : '<unset>';
      w.write(
        LEVEL_2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${volume.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`,
      );
    } else if (volume.secret !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${volume.secret.secretName ?? ''}\n    Optional:\t${volume.secret.optional === true}\n`,
      );
    } else if (volume.configMap !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${volume.configMap.name ?? ''}\n    Optional:\t${volume.configMap.optional === true}\n`,
      );
    } else if (volume.persistentVolumeClaim !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${volume.persistentVolumeClaim.claimName}\n    ReadOnly:\t${volume.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (volume.downwardAPI !== undefined) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of volume.downwardAPI.items ?? []) {
        if (item.fieldRef !== undefined) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef !== undefined)
          w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (volume.projected !== undefined) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const source of volume.projected.sources ?? []) {
        if (source.secret !== undefined) {
          w.write(
            LEVEL_2,
            `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${source.secret.optional === true}\n`,
          );
        } else if (source.downwardAPI !== undefined) {
          w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        } else if (source.configMap !== undefined) {
          w.write(
            LEVEL_2,
            `ConfigMapName:\t${source.configMap.name ?? ''}\n    Optional:\t${source.configMap.optional === true}\n`,
          );
        } else if (source.serviceAccountToken !== undefined) {
          w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`);
        }
      }
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

/**
 * Writes `Topology Spread Constraints:` sorted by topology key, nothing when there are none.
 * Mirrors `describeTopologySpreadConstraints` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function writeTopologySpreadConstraints(
  w: PrefixWriter,
  constraints: readonly TopologySpreadConstraint[] | undefined,
  space: string,
): void {
  if (constraints === undefined || constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => compareStrings(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((tsc, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let text = `${tsc.topologyKey}:${tsc.whenUnsatisfiable} when max skew ${tsc.maxSkew} is exceeded`;
    if (tsc.labelSelector !== undefined) text += ` for selector ${formatLabelSelector(tsc.labelSelector)}`;
    w.write(LEVEL_0, `${text}\n`);
  });
}
