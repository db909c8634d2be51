import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const TMP_DIR = path.join(ROOT, "tests/.tmp/vitest");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
export const TEST_PASSWORD = "correct horse battery staple";
