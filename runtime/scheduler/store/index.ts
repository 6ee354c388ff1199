export * from "./types.js";
export { createMemoryStore } from "./memory/index.js";
export { openSqliteStore, SQLITE_FILE_NAME, type SqliteStoreOptions } from "./sqlite/index.js";
