/** `npm run dev`: the same server with Vite's development middleware and hot reload. */
import type { ServerBuild } from "@remix-run/node";
import { createServer } from "vite";
import { loadConfig } from "../app/config.server";
import { logger } from "../app/features/security/log.server";
import { getDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemo } from "../demo/demo";
import { seedReferenceData } from "../db/seeds/reference";
import { createApp } from "./app";

const config = loadConfig();
const handle = getDatabase();
await migrateToLatest(handle);
await seedReferenceData(handle.db);
if (await isDatabaseEmpty(handle.db)) await seedDemo(handle.db, config.demoPassword);

const vite = await createServer({ server: { middlewareMode: true } });
const app = createApp({
  config,
  viteDev: true,
  assets: vite.middlewares,
  build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
});
app.listen(config.port, () => logger.info({ msg: `development server on ${config.appUrl}` }));
