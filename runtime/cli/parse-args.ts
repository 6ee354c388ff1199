// The CLI's flag parser: `--name value`, `--name=value` and boolean `--name`,
// positionals, and everything after `--` kept as is (the command of `run`).
// Unknown flags and missing values are errors that name the flag and the
// command, since a typo silently ignored would run against the wrong folder.
import { usageError } from "./cli-error.js";

export type FlagSpec = Record<string, "string" | "boolean">;

export interface ParsedArgs {
  flags: Record<string, string | boolean>;
  positionals: string[];
  /** After `--`, or undefined without `--`. */
  rest: string[] | undefined;
}

export function parseArgs(command: string, argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return { flags, positionals, rest: argv.slice(i + 1) };
    if (!arg.startsWith("--") || arg === "--") {
      if (arg.startsWith("-") && arg !== "-") throw usageError(`cannot parse arguments: unknown flag ${arg} for "${command}"`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const type = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (type === undefined) throw usageError(`cannot parse arguments: unknown flag --${name} for "${command}"`);
    if (type === "boolean") {
      if (eq >= 0) throw usageError(`cannot parse arguments: --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw usageError(`cannot parse arguments: --${name} needs a value`);
    flags[name] = value;
  }
  return { flags, positionals, rest: undefined };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === "string" ? value : undefined;
}

/** A positive integer flag, or the fallback when absent. */
export function integerFlag(args: ParsedArgs, name: string, fallback: number, max: number): number {
  const raw = stringFlag(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw usageError(`cannot parse arguments: --${name} must be an integer in 1..${max}, got ${JSON.stringify(raw)}`);
  return value;
}
