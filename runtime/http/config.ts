// Configuration from the DISPATCH_* environment variables. Each reader returns
// undefined for an unset (or empty) variable and throws a ConfigError naming
// the variable and the bad value otherwise, so a typo fails at startup with a
// message that says what to fix, not later with a confusing network error.

import type { KeyObject } from "node:crypto";
import { isSignatureError } from "./signature/signature-error.js";
import { loadVerificationKey } from "./signature/keys.js";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export type Env = Record<string, string | undefined>;

export interface EndpointAddr {
  host: string;
  port: number;
}

/** Where an endpoint listens when DISPATCH_ENDPOINT_ADDR is unset. */
export const defaultEndpointAddr: EndpointAddr = { host: "127.0.0.1", port: 8000 };

export const defaultApiUrl = "https://api.dispatch.run";

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/**
 * Parses `host:port`, `:port` or `[ipv6]:port`. "localhost" binds 127.0.0.1:
 * Node may resolve it to ::1, which clients that dial 127.0.0.1 cannot reach.
 */
export function parseEndpointAddr(value: string, name = "DISPATCH_ENDPOINT_ADDR"): EndpointAddr {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]*)):(\d{1,5})$/.exec(value.trim());
  if (match === null) throw new ConfigError(`cannot read ${name}: expected host:port, got ${JSON.stringify(value)}`);
  const port = Number(match[3]);
  if (port > 65535) throw new ConfigError(`cannot read ${name}: port ${port} is out of range 0..65535`);
  const host = match[1] ?? match[2] ?? "";
  return { host: host === "" || host === "localhost" ? "127.0.0.1" : host, port };
}

export function readEndpointAddr(env: Env = process.env): EndpointAddr | undefined {
  const value = read(env, "DISPATCH_ENDPOINT_ADDR");
  return value === undefined ? undefined : parseEndpointAddr(value);
}

function readUrl(env: Env, name: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`cannot read ${name}: not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`cannot read ${name}: expected an http or https URL, got ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, "");
}

/** The public URL of this endpoint, as the scheduler reaches it. */
export function readEndpointUrl(env: Env = process.env): string | undefined {
  return readUrl(env, "DISPATCH_ENDPOINT_URL");
}

export function readApiUrl(env: Env = process.env): string | undefined {
  return readUrl(env, "DISPATCH_API_URL");
}

export function readApiKey(env: Env = process.env): string | undefined {
  const value = read(env, "DISPATCH_API_KEY");
  if (value !== undefined && /[\s"']/.test(value)) {
    // Quotes and spaces come from copying shell syntax into a .env file.
    throw new ConfigError("cannot read DISPATCH_API_KEY: the key contains spaces or quotes");
  }
  return value;
}

export function readVerificationKey(env: Env = process.env): KeyObject | undefined {
  const value = read(env, "DISPATCH_VERIFICATION_KEY");
  if (value === undefined) return undefined;
  try {
    return loadVerificationKey(value);
  } catch (error) {
    if (!isSignatureError(error)) throw error;
    throw new ConfigError(`cannot read DISPATCH_VERIFICATION_KEY: ${error.message}`, { cause: error });
  }
}
