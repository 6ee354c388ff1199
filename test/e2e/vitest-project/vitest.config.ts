// A user's vitest set-up: the dispatch-ts Vite plugin transforms durable code
// before vitest runs it, as tspc does for the build.
import { defineConfig } from "vitest/config";
import dispatch from "dispatch-ts/vite";

export default defineConfig({
  plugins: [dispatch()],
  test: {
    include: ["src/**/*.spec.ts"],
  },
});
