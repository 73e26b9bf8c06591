/** A latency drawn uniformly from `[min, max]` milliseconds (the simulation's `LatencyRange`). */
export interface ImageLatency {
  readonly min: number;
  readonly max: number;
}

/** One line of a container's log program: written `after` ms past the container's start. */
export interface LogLine {
  readonly after: number;
  /**
   * The text; `{{nodeName}}`, `{{nodeIP}}`, `{{podName}}`, `{{podIP}}`, `{{namespace}}`,
   * `{{container}}`, `{{klogTime}}` (`0101 00:00:03.123000`) and `{{time}}` (RFC 3339 with
   * milliseconds) are filled in.
   */
  readonly text: string;
}

/** How the kubelet rejects a pod whose image is configured to fail on its node. */
export interface FailOnNode {
  /** @defaultValue 'UnexpectedAdmissionError' */
  readonly reason?: string;
  /** @defaultValue a device-plugin allocation failure, as upstream's kubelet words it */
  readonly message?: string;
  /** Only these nodes reject it. @defaultValue every node */
  readonly nodes?: readonly string[];
}

/**
 * How containers running an image behave on the simulated kubelet. Every field is optional;
 * an image without a behaviour pulls, starts and becomes ready after the simulation's
 * `containerStart` and `readiness` latencies, and runs until stopped.
 * Upstream has no counterpart: it stands in for what the image's program and the container
 * runtime do.
 */
export interface ImageBehaviour {
  /** `fail`: every pull fails (`ErrImagePull`, then `ImagePullBackOff`). @defaultValue 'succeed' */
  readonly pull?: 'succeed' | 'fail';
  /** Pull latency; with `startLatency`, replaces the `containerStart` latency. */
  readonly pullLatency?: ImageLatency;
  /** Container start latency after the pull. @defaultValue 0 when `pullLatency` is set */
  readonly startLatency?: ImageLatency;
  /** Running to passing its readiness probe. @defaultValue the simulation's `readiness` latency */
  readonly readinessDelay?: ImageLatency;
  /** `false`: the readiness probe never succeeds. @defaultValue true */
  readonly ready?: boolean;
  /**
   * What the container's failing probes (readiness, liveness, startup) answer, after
   * `Readiness probe failed: ` (or `Liveness`, `Startup`) in the kubelet's `Unhealthy` event.
   * @defaultValue the probe handler's failure (`HTTP probe failed with statuscode: 503`, a
   * refused TCP dial, none for exec)
   */
  readonly probeOutput?: string;
  /** `false`: the liveness probe fails from every start (the kubelet kills and restarts the container). @defaultValue true */
  readonly live?: boolean;
  /** The liveness probe passes for this many ms after every start, then fails. @defaultValue always passes */
  readonly liveFor?: number;
  /** `false`: the startup probe never succeeds. @defaultValue true */
  readonly started?: boolean;
  /** The startup probe fails until this many ms after every start. @defaultValue 0: its first probe succeeds */
  readonly startupDelay?: number;
  /** The container exits this many ms after every start. @defaultValue never */
  readonly crashAfter?: number;
  /** Exit code of a crash; 0 reads `Completed`, others `Error`. @defaultValue 1 */
  readonly exitCode?: number;
  /**
   * How long the container takes to stop after SIGTERM; past the grace period the kubelet
   * sends SIGKILL (exit code 137). @defaultValue the simulation's `termination` latency
   */
  readonly stopLatency?: number;
  /** The kubelet rejects the pod at admission (phase Failed). `true` uses the defaults. */
  readonly failOnNode?: boolean | FailOnNode;
  /** The log program. @defaultValue a well-known image's start-up lines, or a generic one */
  readonly logs?: readonly LogLine[];
}

/** Image reference to behaviour; keys are full references (`repo:tag`) or repositories (`repo`). */
export type ImageBehaviours = Readonly<Record<string, ImageBehaviour>>;

const NONE: ImageBehaviour = {};

/** The repository part of an image reference: without tag or digest. */
export function imageRepository(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/**
 * The behaviour configured for `image`: an exact match first, then its repository; `{}` otherwise.
 * Upstream has no counterpart.
 */
export function imageBehaviourOf(images: ImageBehaviours, image: string | undefined): ImageBehaviour {
  if (image === undefined) return NONE;
  // Remembered per configuration object: the kubelet asks three to six times per pod event,
  // and each miss sliced the reference into its repository.
  let known = resolved.get(images);
  if (known === undefined) {
    known = new Map();
    resolved.set(images, known);
  }
  let b = known.get(image);
  if (b === undefined) {
    b = lookup(images, image);
    known.set(image, b);
  }
  return b;
}

const resolved = new WeakMap<ImageBehaviours, Map<string, ImageBehaviour>>();

function lookup(images: ImageBehaviours, image: string): ImageBehaviour {
  if (Object.hasOwn(images, image)) return images[image] ?? NONE;
  const repo = imageRepository(image);
  if (Object.hasOwn(images, repo)) return images[repo] ?? NONE;
  return NONE;
}
