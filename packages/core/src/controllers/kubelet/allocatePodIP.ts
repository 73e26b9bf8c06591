/**
 * How pods get addresses: `overlay`, from one cluster-wide pod network (10.244.0.0/16, as kind's
 * kindnet and flannel hand out); `vpc`, from the node's own subnet, as the Amazon VPC CNI on EKS
 * gives pods secondary addresses of the node's ENIs.
 */
export type PodNetwork = 'overlay' | 'vpc';

/** Addresses in a /19, EKS's default subnet size (eksctl's 192.168.0.0/19, 192.168.32.0/19, ...). */
const SUBNET_SIZE = 8192;
/** A stride coprime with the usable addresses, so consecutive pods spread over the subnet without repeating. */
const STRIDE = 37;

/**
 * The address of the `n`th pod given one (counting from 1): `overlay` gives 10.244.x.y in order;
 * `vpc` gives an address of the /19 holding `nodeIP`, never the node's own, spread as the VPC
 * CNI's warm pool hands them out.
 * Upstream counterpart: the CNI plugin's IPAM (`host-local` for overlay, `aws-vpc-cni`'s ipamd).
 * Deviation: `vpc` tracks no ENI limits; addresses repeat after 8,000 pods on one subnet.
 */
export function allocatePodIP(network: PodNetwork, n: number, nodeIP: string | undefined): string {
  // Overlay first: it never reads the node's address, so it is not split.
  if (network === 'overlay') return overlayIP(n);
  const octets = nodeIP?.split('.').map(Number) ?? [];
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) return overlayIP(n);
  const node = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const base = node - (node % SUBNET_SIZE);
  // Offsets 4 to 8190: not the network address and the VPC's reserved three after it, not the
  // broadcast address, and one skipped for the node's own.
  const nodeOffset = node - base;
  let offset = 4 + ((n * STRIDE) % (SUBNET_SIZE - 6));
  if (offset >= nodeOffset) offset += 1;
  const ip = base + offset;
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

function overlayIP(n: number): string {
  return `10.244.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`;
}
