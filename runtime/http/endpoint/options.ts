import type { KeyObject } from "node:crypto";
import { readVerificationKey } from "../config.js";
import { type KeyInput, loadVerificationKey } from "../signature/keys.js";
import type { FunctionRunner } from "./function-runner.js";
import { consoleLogger, type Logger } from "./logger.js";

export interface EndpointOptions {
  /** Runs the functions; provided by the engine. */
  runner: FunctionRunner;
  /**
   * The public key that verifies request signatures. Undefined reads
   * DISPATCH_VERIFICATION_KEY; null (or neither set) accepts unsigned requests,
   * with one warning.
   */
  verificationKey?: KeyInput | null;
  /** Largest accepted request body; 16 MiB by default. */
  maxBodyBytes?: number;
  logger?: Logger;
}

export interface ResolvedEndpointOptions {
  runner: FunctionRunner;
  verificationKey: KeyObject | undefined;
  maxBodyBytes: number;
  logger: Logger;
}

export const defaultMaxBodyBytes = 16 * 1024 * 1024;

export function endpointOptions(options: EndpointOptions): ResolvedEndpointOptions {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new RangeError(`cannot create endpoint: maxBodyBytes must be a non-negative integer, got ${maxBodyBytes}`);
  }
  const verificationKey =
    options.verificationKey === undefined
      ? readVerificationKey()
      : options.verificationKey === null
        ? undefined
        : loadVerificationKey(options.verificationKey);
  return { runner: options.runner, verificationKey, maxBodyBytes, logger: options.logger ?? consoleLogger };
}
