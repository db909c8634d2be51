import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const PARSE_WITH_ZOD = {
  name: "@conform-to/zod",
  importNames: ["parseWithZod"],
  message: "Import parseWithZod from ~/lib/parse-form: it refuses forged list indexes and intents.",
};
const ALIAS_ONLY = {
  group: ["./*", "../*"],
  message: "Import by alias: ~/ for app/, ~db/ for db/, ~emails/ for emails/.",
};
const NO_ROUTES = {
  group: ["~/routes/*", "~/root", "~/routes"],
  message: "Features, components and lib never import routes or root.tsx: pass what they need as props.",
};
const NO_DATABASE = {
  group: ["~db/*", "~db"],
  message: "Routes do not touch the database: call the feature's functions (value lists live in ~/lib/vocabularies).",
};
const EMAIL_KNOWS_NO_FEATURE = {
  group: ["~/features/*", "!~/features/email", "!~/features/email/*", "!~/features/security", "!~/features/security/*"],
  message: "features/email knows no other feature: register an after-send hook from server/start.ts.",
};
const DEMO_NO_ROUTES = {
  group: ["**/app/routes/*", "~/routes/*", "**/app/root", "~/root"],
  message: "The demo data is built with the features' rules, never through routes.",
};
const NO_FEATURES_BELOW = {
  group: ["**/app/features/*", "~/features/*", "**/app/routes/*", "~/routes/*", "**/demo/*"],
  message: "db/ and emails/ never import features, routes or the demo data: move the shared piece to app/lib/.",
};

/** One no-restricted-imports block: parseWithZod only through ~/lib/parse-form, plus the patterns. */
function restrictImports(files, patterns) {
  return { files, rules: { "no-restricted-imports": ["error", { paths: [PARSE_WITH_ZOD], patterns }] } };
}

export default tseslint.config(
  { ignores: ["build/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "tests/.tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "no-console": ["error", { allow: ["warn", "error"] }],
      "no-control-regex": "off",
    },
  },
  // Layer rules (docs/decisions/0022-layer-rules.md). ESLint applies the last matching block's
  // options whole, so each block lists every restriction that holds for its files.
  restrictImports(["app/**"], [ALIAS_ONLY]),
  restrictImports(["app/features/**", "app/components/**", "app/lib/**", "app/i18n/**"], [ALIAS_ONLY, NO_ROUTES]),
  restrictImports(["app/features/email/**"], [ALIAS_ONLY, NO_ROUTES, EMAIL_KNOWS_NO_FEATURE]),
  restrictImports(["app/routes/**"], [ALIAS_ONLY, NO_DATABASE]),
  restrictImports(["db/**", "emails/**"], [NO_FEATURES_BELOW]),
  // The demo data (demo/) sits above the features: it builds rows with their rules (password
  // hashing, stages, time zones). Reference data (db/seeds/) is plain rows.
  restrictImports(["demo/**"], [DEMO_NO_ROUTES]),
  // The route table names the route files by design.
  { files: ["app/routes.ts"], rules: { "no-restricted-imports": "off" } },
  {
    files: ["tests/**", "bench/**"],
    rules: { "no-console": "off" },
  },
);
