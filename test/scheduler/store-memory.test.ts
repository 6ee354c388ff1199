import { createMemoryStore } from "../../runtime/scheduler/store/memory/index.js";
import { storeSuite } from "./store-suite.js";

storeSuite("memory", async () => createMemoryStore());
