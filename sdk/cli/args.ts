/**
 * Command-line arguments: Node's `parseArgs` splits them, and the checks here
 * write the messages, which name an option but never repeat a value (a
 * misplaced secret must not be echoed to the terminal or a CI log).
 * @internal
 * @module
 */
import { parseArgs } from 'node:util';

/** A wrong command line: exit code 2, the message and a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The options a command takes, by long name. */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  positionals: string[];
  /** Option values by long name; a boolean option that was given is `true`. */
  values: Record<string, string | true | undefined>;
}

/** Splits `argv`; refuses unknown options, missing values and options given twice. */
export function parseCommandLine(argv: string[], specs: OptionSpecs): ParsedArgs {
  const { tokens } = parseArgs({ args: argv, options: specs, strict: false, allowPositionals: true, tokens: true });
  const parsed: ParsedArgs = { positionals: [], values: {} };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    if (!spec) throw new UsageError(`unknown option ${/^--?[a-z][a-z-]{0,19}$/.test(token.rawName) ? token.rawName : '(not repeated: it may be a secret)'}`);
    if (parsed.values[token.name] !== undefined) throw new UsageError(`${token.rawName} is given twice`);
    if (spec.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    if (spec.type === 'string' && token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
    parsed.values[token.name] = token.value ?? true;
  }
  return parsed;
}

/** Exactly `names.length` positionals, in that order; the message lists what is missing or extra. */
export function positionals<const N extends readonly string[]>(parsed: ParsedArgs, names: N): { [K in keyof N]: string } {
  const given = parsed.positionals;
  const expected = names.map((n) => `<${n}>`);
  if (given.length < names.length) throw new UsageError(`missing ${expected.slice(given.length).join(' ')}`);
  if (given.length > names.length) throw new UsageError(`${given.length - names.length} argument(s) too many; expected ${expected.join(' ') || 'none'}`);
  return given as unknown as { [K in keyof N]: string };
}

/** A whole number given as an option (`--window 2`), or `undefined` when absent. */
export function wholeNumber(parsed: ParsedArgs, name: string): number | undefined {
  const value = parsed.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new UsageError(`--${name} expects a whole number, e.g. --${name} 1`);
  return Number(value);
}
