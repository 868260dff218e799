import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

// The UI is served by Tauri from `dist/` (no network at run time); the dev server is
// only for `tauri dev`.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari15",
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],

  },
});
