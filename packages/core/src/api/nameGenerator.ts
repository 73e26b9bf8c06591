import type { Rng } from '../random/rng.js';

/**
 * The characters of generated names and hashes: no vowels (no accidental words) and no
 * look-alikes (0/o, 1/l, 3/e).
 * Mirrors `alphanums` (apimachinery/pkg/util/rand/rand.go).
 */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** How many random characters a generated name gets. Mirrors `randomLength` (apiserver/pkg/storage/names/generate.go). */
export const GENERATED_SUFFIX_LENGTH = 5;

/** The longest base kept, so that base + suffix fits a 63-character label. Mirrors `maxGeneratedNameLength` (same file). */
export const MAX_GENERATED_BASE_LENGTH = 63 - GENERATED_SUFFIX_LENGTH;

/**
 * A name for an object created with `metadata.generateName`: the base (cut to 58 characters)
 * followed by five characters from {@link NAME_ALPHABET}, such as `kube-proxy-f8dl7`.
 * Mirrors `simpleNameGenerator.GenerateName` (apiserver/pkg/storage/names/generate.go) with
 * `rand.String` (apimachinery/pkg/util/rand/rand.go).
 * Deviation: characters are drawn with the seeded `rng.int(27)` instead of Go's bit-sliced
 * `Int63`, so the names differ from a real cluster's but repeat exactly for a seed. Like Go,
 * the base is cut by UTF-16 units here where Go cuts bytes; names are ASCII in practice.
 */
export function generateName(base: string, rng: Rng): string {
  let name = base.length > MAX_GENERATED_BASE_LENGTH ? base.slice(0, MAX_GENERATED_BASE_LENGTH) : base;
  for (let i = 0; i < GENERATED_SUFFIX_LENGTH; i++)
    name += NAME_ALPHABET[rng.int(NAME_ALPHABET.length)] ?? '';
  return name;
}
