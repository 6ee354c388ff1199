#!/usr/bin/env node
// The entry point of the dispatch-ts command (package.json "bin").
import { main } from "./cli.js";
import type { Io } from "./io.js";

const io: Io = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};

process.exitCode = await main(process.argv.slice(2), io);
// Keep-alive sockets and store handles must not keep a finished command alive.
process.exit();
