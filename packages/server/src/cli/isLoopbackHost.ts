import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

function isLoopbackAddress(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  const lower = address.toLowerCase();
  return lower === '::1' || lower.startsWith('::ffff:127.');
}

/**
 * Whether `host` (an address or a name) reaches this machine only: 127.0.0.0/8 or ::1, or a name
 * every address of which is one of those. A wildcard (`0.0.0.0`, `::`) is every interface, so not
 * loopback; a name that does not resolve is not either. Upstream has no counterpart
 * (kube-apiserver's `--bind-address` takes any address).
 */
export async function isLoopbackHost(host: string): Promise<boolean> {
  if (isIP(host) !== 0) return isLoopbackAddress(host);
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a.address));
  } catch {
    return false;
  }
}
