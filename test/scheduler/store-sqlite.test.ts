import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import { storeSuite } from "./store-suite.js";

let folder = "";
storeSuite(
  "sqlite",
  async () => {
    folder = mkdtempSync(join(tmpdir(), "dispatch-store-"));
    return openSqliteStore({ folder });
  },
  async () => rmSync(folder, { recursive: true, force: true }),
);
