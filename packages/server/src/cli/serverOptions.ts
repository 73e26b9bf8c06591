import type { Command } from 'commander';

/** Adds the flags that name a serving cluster: `--server` and `--kubeconfig`. */
export function serverOptions(command: Command): Command {
  return command
    .option('--server <url>', 'the daemonsim serve URL (default: from the kubeconfig)')
    .option(
      '--kubeconfig <file>',
      'kubeconfig to read the server and credentials from (default: $KUBECONFIG, else ./daemonsim.kubeconfig)',
    );
}
