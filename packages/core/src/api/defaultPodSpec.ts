import type * as core from 'kubernetes-types/core/v1.js';

/**
 * The pod spec with the defaults the API server fills in for every pod and pod template:
 * restartPolicy `Always`, dnsPolicy `ClusterFirst`, an empty securityContext,
 * terminationGracePeriodSeconds 30, schedulerName `default-scheduler`, host ports copied from
 * container ports under hostNetwork, and per container the pull policy, termination-message
 * path and policy, port protocol `TCP` and probe timings. Returns a new object; the input is not changed.
 * Mirrors `SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_ContainerPort`,
 * `SetDefaults_Probe` and `SetDefaults_HTTPGetAction` (pkg/apis/core/v1/defaults.go).
 * Deviation: the pod-only defaults of `SetDefaults_Pod` (enableServiceLinks, requests copied from
 * limits) and the defaults of volume sources and env `fieldRef`s are not applied.
 */
export function defaultPodSpec(spec: core.PodSpec): core.PodSpec {
  const out = structuredClone(spec);
  out.dnsPolicy ||= 'ClusterFirst';
  out.restartPolicy ||= 'Always';
  out.securityContext ??= {};
  out.terminationGracePeriodSeconds ??= 30;
  out.schedulerName ||= 'default-scheduler';
  if (out.containers !== undefined)
    out.containers.forEach((c) => defaultContainer(c, out.hostNetwork === true));
  if (out.initContainers !== undefined)
    out.initContainers.forEach((c) => defaultContainer(c, out.hostNetwork === true));
  return out;
}

// Mutates only the clone made by defaultPodSpec.
function defaultContainer(c: core.Container, hostNetwork: boolean): void {
  c.imagePullPolicy ||= defaultPullPolicy(c.image ?? '');
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const port of c.ports ?? []) {
    port.protocol ||= 'TCP';
    if (hostNetwork && (port.hostPort === undefined || port.hostPort === 0))
      port.hostPort = port.containerPort;
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (probe === undefined) continue;
    probe.timeoutSeconds ||= 1;
    probe.periodSeconds ||= 10;
    probe.successThreshold ||= 1;
    probe.failureThreshold ||= 3;
    if (probe.httpGet !== undefined) {
      probe.httpGet.path ||= '/';
      probe.httpGet.scheme ||= 'HTTP';
    }
  }
}

/**
 * The pull policy for an image without one: `Always` for the `latest` tag or no tag (which means
 * `latest`), `IfNotPresent` for any other tag or a digest.
 * Mirrors the image branch of `SetDefaults_Container` (pkg/apis/core/v1/defaults.go) with
 * `parsers.ParseImageName` (pkg/util/parsers/parsers.go).
 * Deviation: the reference is split by hand (last `:` after the last `/`), not fully parsed, so a
 * malformed reference still gets a policy instead of the error upstream ignores.
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const hasDigest = at >= 0;
  const name = hasDigest ? image.slice(0, at) : image;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : hasDigest ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}
