// A problem with a project or with the files given to create one (missing file, bad list, feature
// rows ≠ images …). The CLI prints the message as one line; the relay can show it at start-up.

/** A user-facing project problem; the message names the file and says what is wrong. */
export class ProjectError extends Error {
  override readonly name = 'ProjectError';
  /** Marks the error as a user mistake for the CLI (one line, no stack trace). */
  readonly userFacing = true;
}
