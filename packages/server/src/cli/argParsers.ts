import type { Taint } from 'kubernetes-types/core/v1.js';
import { parseQuantity } from '@daemonsim/core';
import { parseDuration } from '@daemonsim/scenarios';
import { InvalidArgumentError } from 'commander';

// Commander argument parsers: each turns one flag's text into its value or throws
// InvalidArgumentError with the rule it broke, which commander prints with the flag's name.

/** A TCP port, 0-65535. */
export function portArg(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be an integer port 0-65535');
  return n;
}

/** A positive, finite number (`--speed`). */
export function speedArg(text: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('must be a positive number');
  return n;
}

/** A Go duration (`90s`, `5m`, `1h30m`) in milliseconds. */
export function durationArg(text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** A Go duration greater than zero, in milliseconds (`--save-every`). */
export function positiveDurationArg(text: string): number {
  const ms = durationArg(text);
  if (ms <= 0) throw new InvalidArgumentError(`time: duration ${JSON.stringify(text)} must be positive`);
  return ms;
}

/**
 * `serve --established`'s age, in milliseconds: whole days as kubectl prints ages (`140d`), or a
 * positive Go duration (`36h`).
 */
export function ageArg(text: string): number {
  const days = /^([1-9][0-9]{0,4})d$/.exec(text);
  if (days !== null) return Number(days[1]) * 24 * 60 * 60 * 1000;
  return positiveDurationArg(text);
}

/** `daemonsim advance`'s duration: a Go duration that does not move the clock back; the text itself, to send on. */
export function advanceArg(text: string): string {
  if (durationArg(text) < 0)
    throw new InvalidArgumentError(`time: duration ${JSON.stringify(text)} must not be negative`);
  return text;
}

/** Collects a repeated `key=value` flag (`--label`) into a record; the server checks the key and value. */
export function keyValueArg(
  text: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`invalid label spec: ${text}, expected key=value`);
  return { ...previous, [text.slice(0, eq)]: text.slice(eq + 1) };
}

/** Collects a repeated `name=quantity` flag (`--capacity`), each quantity checked as the API server parses it. */
export function capacityArg(
  text: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`invalid capacity spec: ${text}, expected resource=quantity`);
  return { ...previous, [text.slice(0, eq)]: quantityArg(text.slice(eq + 1)) };
}

/** A Kubernetes quantity (`4`, `16Gi`, `500m`), checked by `resource.ParseQuantity`'s rules. */
export function quantityArg(text: string): string {
  try {
    parseQuantity(text);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return text;
}

const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/**
 * Collects a repeated `key=value:Effect` or `key:Effect` flag (`--taint`).
 * Mirrors kubectl's `parseTaint` (k8s.io/kubectl/pkg/cmd/taint/utils.go) and its messages;
 * the key and value are checked by the server, as for any node.
 */
export function taintArg(text: string, previous: readonly Taint[] = []): Taint[] {
  const parts = text.split(':');
  if (parts.length !== 2)
    throw new InvalidArgumentError(`invalid taint spec: ${text}, expected key=value:Effect`);
  const effect = parts[1]!;
  if (!TAINT_EFFECTS.has(effect))
    throw new InvalidArgumentError(`invalid taint effect: ${effect}, unsupported taint effect`);
  const kv = parts[0]!.split('=');
  if (kv.length > 2 || kv[0] === '') throw new InvalidArgumentError(`invalid taint spec: ${text}`);
  const taint: Taint = { key: kv[0]!, ...(kv.length === 2 ? { value: kv[1]! } : {}), effect };
  return [...previous, taint];
}
