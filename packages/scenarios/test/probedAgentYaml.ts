/**
 * A one-node scenario, as YAML, running a DaemonSet whose single container uses the image
 * `example.com/agent:1.0` with the given image behaviour and probe line, advanced `duration`:
 * the shape the probe tests share so that each reads only the behaviour and probe it is about.
 */
export function probedAgentYaml({
  name,
  behaviour,
  probes,
  duration,
}: {
  name: string;
  behaviour: string;
  probes: string;
  duration: string;
}): string {
  return `name: ${name}
options:
  images:
    example.com/agent:1.0: ${behaviour}
steps:
  - { kind: addNodes, count: 1 }
  - kind: apply
    manifests:
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent, namespace: default }
      spec:
        selector: { matchLabels: { app: agent } }
        template:
          metadata: { labels: { app: agent } }
          spec:
            containers:
              - name: agent
                image: example.com/agent:1.0
                ${probes}
  - { kind: advance, duration: ${duration} }
`;
}
