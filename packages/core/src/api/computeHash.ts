import type * as core from 'kubernetes-types/core/v1.js';
import { canonicalJson } from './canonicalJson.js';
import { NAME_ALPHABET } from './nameGenerator.js';

export { canonicalJson } from './canonicalJson.js';

const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/**
 * FNV-1a, 32 bits, over `bytes`, continuing from `hash`.
 * Mirrors `hash/fnv.New32a` (Go standard library).
 */
export function fnv32a(bytes: Uint8Array, hash: number = FNV32_OFFSET_BASIS): number {
  let h = hash >>> 0;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h;
}

/**
 * Maps each character of `s` to the name alphabet by its code point modulo 27, giving a string
 * that cannot spell words; decimal digits map to `4 5 6 7 8 9 b c d f`.
 * Mirrors `rand.SafeEncodeString` (apimachinery/pkg/util/rand/rand.go).
 * Deviation: Go maps bytes; this maps UTF-16 units, the same for the ASCII input it is given.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length] ?? '';
  return out;
}

/**
 * The hash that names a DaemonSet's ControllerRevision (`<ds>-<hash>`) and labels its pods
 * (`controller-revision-hash`): FNV-32a over the pod template, then over the collision count as
 * 8 little-endian bytes when set, printed in decimal and mapped through {@link safeEncodeString}.
 * Mirrors `controller.ComputeHash` (pkg/controller/controller_utils.go).
 * Deviation: upstream hashes a `spew` deep dump of the Go struct, which cannot be reproduced
 * here; this hashes the UTF-8 bytes of {@link canonicalJson} of the template instead, so the
 * hashes differ from a real cluster's while keeping their alphabet, length and determinism.
 */
export function computeHash(template: core.PodTemplateSpec, collisionCount: number | undefined): string {
  let hash = fnv32a(utf8.encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    // Go writes the uint32 into the first 4 bytes of an 8-byte buffer; the rest stay zero.
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
