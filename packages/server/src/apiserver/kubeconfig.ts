/**
 * A kubeconfig for the simulated cluster: cluster, user and context all named `daemonsim`, an
 * insecure `http://` server URL and no credentials (the server has no authentication).
 * Mirrors the `clientcmdapi.Config` that `kind` or `minikube` write, without TLS or tokens.
 */
export function kubeconfigYaml(url: string, name = 'daemonsim'): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster:
    server: ${url}
users:
- name: ${name}
  user: {}
contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${name}
current-context: ${name}
preferences: {}
`;
}
