import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(__dirname, "app"),
      "~db": path.resolve(__dirname, "db"),
      "~emails": path.resolve(__dirname, "emails"),
    },
  },
  server: { port: 3000 },
  build: { target: "es2022" },
  plugins: [remix(remixConfig)],
});
