/** An error meant for the person at the terminal: printed as one clear line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: bad input, 2: usage. */
    readonly exitCode: 1 | 2 = 1,
    /** What to do next, printed under the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
