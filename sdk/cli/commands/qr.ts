// `twofa qr`: an otpauth:// URI as a QR code in the terminal, with what an app may get wrong.
import { parseUri, qrTerminal } from 'twofa';
import { positionals } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { argumentValue } from '../input.js';

export const qr: Command = {
  name: 'qr',
  summary: 'an otpauth:// URI as a QR code in the terminal, its warnings on stderr',
  help: `Usage: twofa qr <otpauth-uri>

Draws the URI as a QR code with Unicode half blocks, for a phone to scan from
the terminal (made locally: the secret goes to no QR service). What an
authenticator app may get wrong with the URI (a short secret, an uncommon
algorithm, digits or period, a missing issuer) is printed on standard error.
Give - instead of the URI to read it from standard input.

Options:
  -h, --help  this text`,
  options: {},
  run(args, io) {
    const [input] = positionals(args, ['otpauth-uri']);
    const uri = argumentValue(input);
    const { warnings } = parseUri(uri); // INVALID_URI says what is wrong
    io.out(qrTerminal(uri).replace(/\n$/, ''));
    for (const warning of warnings) io.err(`warning: ${warning}`);
    return EXIT.ok;
  },
};
