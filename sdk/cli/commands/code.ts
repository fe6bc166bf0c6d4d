// `twofa code`: the code an authenticator app shows now (or at --time).
import { hotp, totp } from 'twofa';
import { positionals } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { otpInput } from '../input.js';

export const code: Command = {
  name: 'code',
  summary: 'the current code of a secret or otpauth:// URI (as oathtool --totp -b)',
  help: `Usage: twofa code <secret|otpauth-uri> [--time <ms|ISO>]
       twofa code <otpauth://hotp/...> [--counter <n>]

Prints the code an authenticator app shows for this secret: the same as
\`oathtool --totp -b <secret>\` (TOTP, SHA-1, 6 digits, 30 seconds). A URI's
algorithm, digits and period apply; an HOTP URI gives the code of its counter.
Give - instead of the secret to read it from standard input (it then stays out
of your shell's history).

Options:
  --time <ms|ISO>  the code at this time instead of now: milliseconds since
                   1970 or an ISO 8601 time, e.g. 2026-01-01T00:00:30Z
  --counter <n>    HOTP: the code for this counter instead of the URI's
  -h, --help       this text`,
  options: { time: { type: 'string' }, counter: { type: 'string' } },
  run(args, io) {
    const [input] = positionals(args, ['secret|otpauth-uri']);
    const { type, secret, algorithm, digits, period, counter, timestamp } = otpInput(input, args);
    io.out(type === 'hotp' ? hotp({ secret, algorithm, digits, counter }) : totp({ secret, algorithm, digits, period, timestamp }));
    return EXIT.ok;
  },
};
