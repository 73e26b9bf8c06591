// The one seam to PKI.js (pkijs, with its asn1js): everything else takes PEM text from here.
import { randomBytes, webcrypto } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// Node's own name for it: the global CryptoKey is a DOM type, absent from the package's build.
type CryptoKey = webcrypto.CryptoKey;

/** A per-run certificate authority and the API server's serving certificate it signed, as PEM. */
export interface ServingCertificates {
  /** The CA certificate: what a kubeconfig's `certificate-authority-data` holds. */
  readonly caPem: string;
  /** The serving certificate, for `localhost`, the loopback addresses and the names given. */
  readonly certPem: string;
  /** The serving certificate's private key (PKCS #8). */
  readonly keyPem: string;
}

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const OID = {
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;
/** GeneralName tags of RFC 5280: dNSName and iPAddress. */
const DNS_NAME = 2;
const IP_ADDRESS = 7;
/** The names kubeadm puts on an API server certificate besides the node's own. */
const KUBERNETES_NAMES = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];

function pem(label: string, der: ArrayBuffer): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function distinguishedName(commonName: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: OID.commonName,
        value: new asn1js.Utf8String({ value: commonName }),
      }),
    ],
  });
}

function extension(
  extnID: string,
  critical: boolean,
  value: asn1js.BaseBlock | pkijs.PkiObject,
): pkijs.Extension {
  const schema = value instanceof pkijs.PkiObject ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

/** A key usage BIT STRING in DER: named bits from the most significant, trailing zero bits dropped. */
function keyUsage(bits: readonly number[]): asn1js.BitString {
  let byte = 0;
  for (const bit of bits) byte |= 0x80 >> bit;
  const unusedBits = 7 - Math.max(...bits);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]), unusedBits });
}

/** The 16 bytes of an IPv6 address (`::` shorthand and a dotted IPv4 tail included). */
function ipv6Bytes(address: string): Uint8Array {
  const bare = address.replace(/%.*$/, '');
  const [head = '', tail] = bare.split('::');
  const groups = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((g) => {
      if (!g.includes('.')) return [Number.parseInt(g, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return new Uint8Array(all.flatMap((g) => [g >> 8, g & 0xff]));
}

function generalName(name: string): pkijs.GeneralName {
  if (isIPv4(name))
    return new pkijs.GeneralName({
      type: IP_ADDRESS,
      value: new asn1js.OctetString({ valueHex: new Uint8Array(name.split('.').map(Number)) }),
    });
  if (isIPv6(name))
    return new pkijs.GeneralName({
      type: IP_ADDRESS,
      value: new asn1js.OctetString({ valueHex: ipv6Bytes(name) }),
    });
  return new pkijs.GeneralName({ type: DNS_NAME, value: name });
}

/** A positive 128-bit serial number with a non-zero first byte, so its DER is minimal. */
function serialNumber(): asn1js.Integer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return new asn1js.Integer({ valueHex: new Uint8Array(bytes) });
}

async function keyIdentifier(publicKey: CryptoKey): Promise<asn1js.OctetString> {
  const spki = await webcrypto.subtle.exportKey('raw', publicKey);
  const digest = await webcrypto.subtle.digest('SHA-1', spki);
  return new asn1js.OctetString({ valueHex: digest });
}

interface CertificateSpec {
  readonly subject: string;
  readonly issuer: string;
  readonly publicKey: CryptoKey;
  readonly signingKey: CryptoKey;
  readonly authorityKeyId: asn1js.OctetString;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly pkijs.Extension[];
}

async function signCertificate(spec: CertificateSpec): Promise<pkijs.Certificate> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialNumber();
  certificate.subject = distinguishedName(spec.subject);
  certificate.issuer = distinguishedName(spec.issuer);
  certificate.notBefore.value = spec.notBefore;
  certificate.notAfter.value = spec.notAfter;
  await certificate.subjectPublicKeyInfo.importKey(spec.publicKey);
  certificate.extensions = [
    extension(OID.subjectKeyIdentifier, false, await keyIdentifier(spec.publicKey)),
    extension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({ keyIdentifier: spec.authorityKeyId }),
    ),
    ...spec.extensions,
  ];
  await certificate.sign(spec.signingKey, 'SHA-256');
  return certificate;
}

/**
 * Issues a fresh CA (`daemonsim-ca`, valid ten years as kubeadm's) and a serving certificate it
 * signed (`kube-apiserver`, one year, server auth) for `localhost`, the `kubernetes.default.svc`
 * names, 127.0.0.1, ::1 and `names`; both ECDSA P-256 keys made by Node's own WebCrypto, so
 * issuing takes milliseconds. Mirrors client-go's `cert.GenerateSelfSignedCertKey` and kubeadm's
 * `certs` phase (k3s, too, uses P-256); deviation: validity starts an hour before `now`, so a
 * client whose clock is a little behind still accepts it.
 */
export async function issueServingCertificates(
  names: readonly string[],
  now: Date = new Date(),
): Promise<ServingCertificates> {
  const [ca, server] = await Promise.all([
    webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']),
    webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']),
  ]);
  const notBefore = new Date(now.getTime() - 3600_000);
  const year = 365 * 24 * 3600_000;
  const caKeyId = await keyIdentifier(ca.publicKey);
  const caCertificate = await signCertificate({
    subject: 'daemonsim-ca',
    issuer: 'daemonsim-ca',
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    authorityKeyId: caKeyId,
    notBefore,
    notAfter: new Date(now.getTime() + 10 * year),
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true })),
      // digitalSignature, keyCertSign, cRLSign
      extension(OID.keyUsage, true, keyUsage([0, 5, 6])),
    ],
  });
  const altNames = [...new Set([...KUBERNETES_NAMES, '127.0.0.1', '::1', ...names])];
  const serverCertificate = await signCertificate({
    subject: 'kube-apiserver',
    issuer: 'daemonsim-ca',
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    authorityKeyId: caKeyId,
    notBefore,
    notAfter: new Date(now.getTime() + year),
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })),
      // digitalSignature: an ECDSA key signs the handshake and enciphers nothing.
      extension(OID.keyUsage, true, keyUsage([0])),
      extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.serverAuth] })),
      extension(OID.subjectAltName, false, new pkijs.GeneralNames({ names: altNames.map(generalName) })),
    ],
  });
  return {
    caPem: pem('CERTIFICATE', caCertificate.toSchema(true).toBER(false)),
    certPem: pem('CERTIFICATE', serverCertificate.toSchema(true).toBER(false)),
    keyPem: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', server.privateKey)),
  };
}
