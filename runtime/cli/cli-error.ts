// An error the CLI reports as one line, with the exit code it stands for:
// 2 for a command line that cannot be understood, 1 for everything else.
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError(`${message} (see dispatch-ts --help)`, 2);
}
