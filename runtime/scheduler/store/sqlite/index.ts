export { openSqliteStore, SQLITE_FILE_NAME, type SqliteStoreOptions } from "./sqlite-store.js";
