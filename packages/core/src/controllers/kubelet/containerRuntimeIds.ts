import { imageRepository } from './imageBehaviour.js';

/** FNV-1a, 32 bits, over the UTF-16 units of `s`: the digest behind every made-up runtime identifier. */
function fnv32aString(s: string, hash = 0x811c9dc5): number {
  // Kept a signed 32-bit integer inside the loop (the same bits): an unsigned value above 2^31
  // is a double to V8, which made every round of a container ID two to three times slower.
  let h = hash | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Two lowercase hex digits per byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * `prefix` and 64 hex digits drawn from `text` (eight FNV-1a rounds, each seeded with the one
 * before), joined once: a flat string, not a rope of concatenations, since every running
 * container keeps one.
 */
function withHex64(prefix: string, text: string): string {
  const parts = [prefix];
  let h = fnv32aString(text);
  for (let i = 0; i < 8; i++) {
    h = fnv32aString(text, Math.imul(h ^ (i + 1), 0x9e3779b1));
    parts.push(
      HEX_BYTE[h >>> 24]!,
      HEX_BYTE[(h >>> 16) & 255]!,
      HEX_BYTE[(h >>> 8) & 255]!,
      HEX_BYTE[h & 255]!,
    );
  }
  return parts.join('');
}

/**
 * The container ID the runtime reports for one instance of a container, `containerd://` and 64
 * hex digits, the same for the same seed, pod, container and restart count.
 * Upstream counterpart: the ID containerd gives a created container (`ContainerStatus.containerID`).
 */
export function containerIdOf(
  seed: string | number,
  podUid: string,
  container: string,
  restartCount: number,
): string {
  return withHex64('containerd://', `${seed}/${podUid}/${container}/${restartCount}`);
}

const imageIds = new Map<string, string>();

/**
 * The image ID the runtime reports for an image: its repository as containerd normalises it
 * (`docker.io/library/nginx`) and a sha256 digest made from the reference, the same in every run.
 * Upstream counterpart: `ContainerStatus.imageID`, the repo digest of the pulled image.
 */
export function imageIdOf(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    id = withHex64(`${normalizedRepository(image)}@sha256:`, `image/${image}`);
    imageIds.set(image, id);
  }
  return id;
}

/** The repository with containerd's defaults: `nginx` is `docker.io/library/nginx`, `user/app` is `docker.io/user/app`. */
function normalizedRepository(image: string): string {
  const repo = imageRepository(image);
  const slash = repo.indexOf('/');
  if (slash < 0) return `docker.io/library/${repo}`;
  const host = repo.slice(0, slash);
  return host.includes('.') || host.includes(':') || host === 'localhost' ? repo : `docker.io/${repo}`;
}

/** A made-up compressed size between 10 and 110 MB, the same for the same image in every run (the Pulled message's). */
export function imageSize(image: string): number {
  return 10_000_000 + (fnv32aString(`size/${image}`) % 100_000_000);
}
