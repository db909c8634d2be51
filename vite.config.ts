import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: {
      "~": path.resolve(__dirname, "app"),
      "~db": path.resolve(__dirname, "db"),
      "~emails": path.resolve(__dirname, "emails"),
    },
  },
  server: { port: 3000 },
  // The manifest (moved by Remix to build/.vite/client-manifest.json, outside what is served) tells
  // the server which chunk holds each language's strings, for the page's modulepreload link.
  build: { target: "es2022", manifest: true },
  plugins: [
    remix(remixConfig),
    // The browser's files are compressed once, here, at their best settings; the server sends the
    // .br or .gz file next to each one instead of compressing it on every request.
    !isSsrBuild &&
      compression({
        threshold: 1024,
        exclude: [/manifest\.json$/],
        algorithms: [defineAlgorithm("gzip", { level: 9 }), defineAlgorithm("brotliCompress")],
      }),
  ],
}));
