/** Where the CLI writes, and how it learns of interruption; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly stderrIsTTY: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits for it. */
  readonly interrupted: () => Promise<void>;
  /** The environment (`KUBECONFIG`); `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Exit code for a failed `expect`. */
export const EXIT_EXPECTATION_FAILED = 1;
/** Exit code for bad input: unreadable files, malformed scenarios, bad flags, a refused request. */
export const EXIT_BAD_INPUT = 2;

/**
 * An error the CLI prints as `error: <message>` and `hint: <hint>`: what went wrong, then what to
 * do about it. Upstream has no counterpart (kubectl prints the message alone).
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly hint: string,
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    super(message);
  }
}
