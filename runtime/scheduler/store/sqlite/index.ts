export { DEFAULT_COMMIT_WINDOW_MS, openSqliteStore, SQLITE_FILE_NAME, type SqliteStoreOptions } from "./sqlite-store.js";
