/**
 * `twofa`, the command line (dist/cli.cjs, `npx twofa`): keys, codes, QR
 * codes and inspection of stored values, with the package's own Node entry.
 * Exit codes: 0 done, 1 "no" (verify), 2 usage or input error, with a message
 * on stderr that says what to do and never a stack trace or a secret.
 * @internal
 * @module
 */
import { TwoFactorError } from 'twofa';
import { parseCommandLine, UsageError } from './args.js';
import { EXIT, type Command, type Io } from './command.js';
import { code } from './commands/code.js';
import { inspect } from './commands/inspect.js';
import { keygen } from './commands/keygen.js';
import { qr } from './commands/qr.js';
import { verify } from './commands/verify.js';

/** The package version, written in by scripts/build.mjs. */
declare const TWOFA_VERSION: string;

const COMMANDS: readonly Command[] = [keygen, code, qr, verify, inspect];

const OVERVIEW = `Usage: twofa <command> [arguments] [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)}${c.summary}`).join('\n')}

Run \`twofa <command> --help\` for a command's arguments and options.
A secret, URI or value given as - is read from standard input.
Exit codes: 0 done, 1 the code is not valid (verify), 2 a usage or input error.

Options:
  -h, --help     this text
  -v, --version  the version of twofa`;

/** The message for a failure, on stderr: what went wrong and what to do, never a stack trace. */
function report(error: unknown, command: Command, io: Io): number {
  const prefix = `twofa ${command.name}:`;
  if (error instanceof UsageError) {
    io.err(`${prefix} ${error.message}`);
    io.err(`Run \`twofa ${command.name} --help\` for its usage.`);
  } else if (error instanceof TwoFactorError) {
    io.err(`${prefix} ${error.message} (${error.code})`);
  } else {
    io.err(`${prefix} ${error instanceof Error ? error.message : String(error)}`);
  }
  return EXIT.usage;
}

/** Runs `twofa` with these arguments (without `node` and the script) and returns the exit code. */
export function main(argv: readonly string[], io: Io): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(OVERVIEW);
    return EXIT.usage;
  }
  if (first === '-v' || first === '--version') {
    io.out(TWOFA_VERSION);
    return EXIT.ok;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    io.out(topic ? topic.help : OVERVIEW);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    // Not repeated: a secret typed without its command must not be echoed.
    io.err(`twofa: unknown command; expected one of ${COMMANDS.map((c) => c.name).join(', ')}. Run \`twofa --help\`.`);
    return EXIT.usage;
  }
  try {
    const args = parseCommandLine([...rest], { ...command.options, help: { type: 'boolean', short: 'h' } });
    if (args.values.help) {
      io.out(command.help);
      return EXIT.ok;
    }
    return command.run(args, io);
  } catch (error) {
    return report(error, command, io);
  }
}

process.exitCode = main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
