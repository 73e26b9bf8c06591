import { imageSize } from './containerRuntimeIds.js';

/**
 * The reasons of the kubelet's container lifecycle events, as pkg/kubelet/events/event.go names
 * them (`PullingImage`, `PulledImage`, `CreatedContainer`, `StartedContainer`, `KillingContainer`).
 */
export type KubeletEventReason = 'Pulling' | 'Pulled' | 'Created' | 'Started' | 'Killing';

/**
 * The message of a kubelet container event in kubelet 1.32's words: `Pulling image "X"`;
 * `Successfully pulled image "X" in 1.2s (1.2s including waiting). Image size: N bytes.` or
 * `Container image "X" already present on machine` (a negative `pullMs`); `Created container: NAME`;
 * `Started container NAME`; `Stopping container NAME`.
 * Mirrors the `logIt` calls of `imageManager.EnsureImageExists` (pkg/kubelet/images/image_manager.go)
 * and the `recordContainerEvent` calls of `startContainer` and `killContainer`
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go).
 * Deviation: the pull and the wait for the serial puller are one duration.
 */
export function kubeletEventMessage(
  reason: KubeletEventReason,
  container: string,
  image: string,
  pullMs: number,
): string {
  switch (reason) {
    case 'Pulling':
      return `Pulling image "${image}"`;
    case 'Pulled': {
      if (pullMs < 0) return `Container image "${image}" already present on machine`;
      const d = goDurationString(pullMs);
      return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSize(image)} bytes.`;
    }
    case 'Created':
      return `Created container: ${container}`;
    case 'Started':
      return `Started container ${container}`;
    case 'Killing':
      return `Stopping container ${container}`;
  }
}

/**
 * A Go `time.Duration` string of whole milliseconds: `0s`, `512ms`, `1.2s`, `1m1.5s`, `1h0m0.25s`.
 * Mirrors `time.Duration.String` (Go standard library) for durations truncated to milliseconds.
 */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const fraction =
    rest % 1000 === 0
      ? ''
      : `.${String(rest % 1000)
          .padStart(3, '0')
          .replace(/0+$/, '')}`;
  const s = `${Math.floor(rest / 1000)}${fraction}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  return m > 0 ? `${m}m${s}` : s;
}
