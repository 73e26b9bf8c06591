/** Options of {@link kubeconfigYaml}. */
export interface KubeconfigOptions {
  /** The name of the cluster, user and context. @defaultValue 'daemonsim' */
  readonly name?: string;
  /** PEM of the CA to trust, written base64 as `certificate-authority-data`. */
  readonly certificateAuthority?: string;
  /** The bearer token, written as the user's `token`. */
  readonly token?: string;
}

/**
 * A kubeconfig for the simulated cluster: cluster, user and context all named `daemonsim`, the
 * server URL, the CA that signed its certificate and the user's bearer token (neither for a
 * plain-HTTP server). Mirrors the `clientcmdapi.Config` that `kind` or `k3s` write; deviation: a
 * token instead of a client certificate, as `kubectl config set-credentials --token` writes.
 */
export function kubeconfigYaml(url: string, options: KubeconfigOptions = {}): string {
  const name = options.name ?? 'daemonsim';
  const ca =
    options.certificateAuthority === undefined
      ? ''
      : `    certificate-authority-data: ${Buffer.from(options.certificateAuthority).toString('base64')}\n`;
  const user = options.token === undefined ? '  user: {}\n' : `  user:\n    token: ${options.token}\n`;
  return `apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster:
${ca}    server: ${url}
users:
- name: ${name}
${user}contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${name}
current-context: ${name}
preferences: {}
`;
}
