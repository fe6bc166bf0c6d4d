// `twofa keygen`: a new application key as the TWOFA_KEYS line to paste, and
// the rotated value when TWOFA_KEYS is already set.
import { randomBytes } from 'node:crypto';
import { KeyRing } from 'twofa';
import { positionals, UsageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { keyIds, keysFromEnvironment, keysLine, KEYS_VARIABLE } from '../keys-env.js';

/** The id after the current one: k1 -> k2, main -> main2; never one that is taken. */
function nextKeyId(current: string, taken: string[]): string {
  const [, prefix = current, digits = '1'] = /^(.*?)(\d+)$/.exec(current) ?? [];
  let n = Number(digits) + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export const keygen: Command = {
  name: 'keygen',
  summary: 'a new application key (32 random bytes), as the TWOFA_KEYS line to paste',
  help: `Usage: twofa keygen [--id <keyId>]

Prints a new application key (32 random bytes, base64url) as the line to put
in your environment (.env.local, your host's secret settings):

  ${KEYS_VARIABLE}=k1:<key>

If ${KEYS_VARIABLE} is already set, it also prints the rotated value: the new
key first (it seals new values), the old ones after it (what they sealed still
opens). Deploy that, re-seal users with twofa.rotate, then drop the old key.

Options:
  --id <keyId>  the new key's id (1 to 32 of A-Z a-z 0-9 _ -); default k1, or
                the id after the current one (k1 -> k2)
  -h, --help    this text`,
  options: { id: { type: 'string' } },
  run(args, io) {
    positionals(args, []);
    const existing = keysFromEnvironment();
    const taken = existing ? keyIds(existing) : [];
    const requested = args.values.id;
    const id = typeof requested === 'string' ? requested : existing ? nextKeyId(existing.current, taken) : 'k1';
    if (taken.includes(id)) throw new UsageError(`key id ${id} is already in ${KEYS_VARIABLE}; choose another with --id`);
    const fresh = { current: id, keys: { [id]: randomBytes(32).toString('base64url') } };
    const rotated = { current: id, keys: { ...fresh.keys, ...existing?.keys } };
    new KeyRing(rotated); // refuses a malformed id, and a key in TWOFA_KEYS that is too short
    io.out(keysLine(fresh));
    if (existing) {
      io.out(`# ${KEYS_VARIABLE} is already set (current key ${existing.current}). To rotate, use this instead: the new key seals new values, the old ones still open theirs.`);
      io.out(keysLine(rotated));
    }
    return EXIT.ok;
  },
};
