import type * as core from 'kubernetes-types/core/v1.js';

/**
 * What a failing probe answers, the text the kubelet's `Unhealthy` event puts after
 * `Readiness probe failed: `: for `httpGet` `HTTP probe failed with statuscode: 503`, for
 * `tcpSocket` `dial tcp IP:PORT: connect: connection refused`, for `grpc`
 * `service unhealthy (responded with "NOT_SERVING")`, and for `exec` the command's output,
 * none by default. `output`, when given (the image behaviour's `probeOutput`), is the answer.
 * Mirrors the failure results of `DoHTTPProbe` (pkg/probe/http/http.go), the TCP prober's
 * dial error (pkg/probe/tcp/tcp.go), the gRPC prober (pkg/probe/grpc/grpc.go) and the exec
 * prober's combined output (pkg/probe/exec/exec.go).
 * Deviation: a failing HTTP probe always answers 503; a named port is looked up among the
 * container's ports and written as given when it is not there.
 */
export function probeFailureOutput(
  probe: core.Probe,
  container: core.Container,
  podIP: string,
  output: string | undefined,
): string {
  if (output !== undefined) return output;
  if (probe.httpGet !== undefined) return 'HTTP probe failed with statuscode: 503';
  if (probe.tcpSocket !== undefined) {
    const port = probePort(probe.tcpSocket.port, container);
    return `dial tcp ${podIP}:${port}: connect: connection refused`;
  }
  if (probe.grpc !== undefined) return 'service unhealthy (responded with "NOT_SERVING")';
  return '';
}

/** A probe's port: a number as is, a name resolved to the container's port of that name. Mirrors `probe.ResolveContainerPort`. */
function probePort(port: number | string, container: core.Container): string {
  if (typeof port === 'number') return String(port);
  const named = container.ports?.find((p) => p.name === port);
  return named === undefined ? port : String(named.containerPort);
}
