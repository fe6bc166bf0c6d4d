// `twofa verify`: whether a code is valid now, and at which step.
import { verifyHotp, verifyTotp } from 'twofa';
import { positionals, wholeNumber } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { otpInput } from '../input.js';

export const verify: Command = {
  name: 'verify',
  summary: 'whether a code is valid now: exit 0 with the step and drift, 1 if not',
  help: `Usage: twofa verify <secret|otpauth-uri> <code> [--window <n>] [--time <ms|ISO>]

Checks a code as a server would (TOTP: SHA-1, 6 digits, 30 seconds unless a
URI says otherwise). Exit code 0 and \`valid: step <step>, drift <drift>\` when
it matches (drift -1: one period late, 0: on time, 1: early); exit code 1 and
\`invalid\` when it does not; exit code 2 when the secret or code is malformed.
For an HOTP URI it checks the URI's counter (and --window more after it) and
prints the counter that matched. Give - as the secret to read it from
standard input.

Options:
  --window <n>     TOTP: steps accepted either side of now, 0 to 10 (default 1);
                   HOTP: counters accepted after the URI's (default 0)
  --time <ms|ISO>  check at this time instead of now
  --counter <n>    HOTP: start from this counter instead of the URI's
  -h, --help       this text`,
  options: { window: { type: 'string' }, time: { type: 'string' }, counter: { type: 'string' } },
  run(args, io) {
    const [input, code] = positionals(args, ['secret|otpauth-uri', 'code']);
    const { type, secret, algorithm, digits, period, counter, timestamp } = otpInput(input, args);
    const window = wholeNumber(args, 'window');
    if (type === 'hotp') {
      const match = verifyHotp({ secret, algorithm, digits, code, counter, lookAhead: window ?? 0 });
      io.out(match ? `valid: counter ${match.counter} (the next code is counter ${match.counter + 1})` : 'invalid');
      return match ? EXIT.ok : EXIT.no;
    }
    const match = verifyTotp({ secret, algorithm, digits, period, code, window: window ?? 1, timestamp });
    io.out(match ? `valid: step ${match.step}, drift ${match.drift}` : 'invalid');
    return match ? EXIT.ok : EXIT.no;
  },
};
