export * from "./types.js";
export { createMemoryStore } from "./memory/index.js";
export { DEFAULT_COMMIT_WINDOW_MS, openSqliteStore, SQLITE_FILE_NAME, type SqliteStoreOptions } from "./sqlite/index.js";
export { countingStore, WRITE_OPERATIONS, type CountingStore } from "./counting-store.js";
