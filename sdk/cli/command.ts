/**
 * What every subcommand of `twofa` is: a name, its help, its options and a
 * function from parsed arguments to an exit code.
 * @internal
 * @module
 */
import type { OptionSpecs, ParsedArgs } from './args.js';

/** Where a command writes. */
export interface Io {
  /** A line of the command's result, on standard output. */
  out(line: string): void;
  /** A line of explanation or warning, on standard error. */
  err(line: string): void;
}

/** Exit codes: 0 done, 1 "no" (a code that is not valid), 2 a usage or input error. */
export const EXIT = { ok: 0, no: 1, usage: 2 } as const;

export interface Command {
  name: string;
  /** One line for `twofa --help`. */
  summary: string;
  /** The whole text of `twofa <name> --help`, starting with the usage line. */
  help: string;
  options: OptionSpecs;
  run(args: ParsedArgs, io: Io): number;
}
