import { describe, expect, it } from "vitest";
import { loadConfig, productionProblems } from "~/config.server";

describe("production start", () => {
  it("refuses default secrets, a missing APP_URL and demo passwords", () => {
    const env = { NODE_ENV: "production", DEMO_PASSWORD: "x" };
    const problems = productionProblems(loadConfig(env), env);
    expect(problems.join(" ")).toMatch(/APP_SECRET/);
    expect(problems.join(" ")).toMatch(/APP_URL/);
    expect(problems.join(" ")).toMatch(/DEMO_PASSWORD/);
  });

  it("accepts a complete production configuration", () => {
    const env = {
      NODE_ENV: "production",
      APP_URL: "https://hub.example.org",
      APP_SECRET: "k".repeat(40),
      RESEND_API_KEY: "re_test",
    };
    expect(productionProblems(loadConfig(env), env)).toEqual([]);
  });

  it("refuses to start without an e-mail provider unless mail delivery is explicitly disabled", () => {
    const env = { NODE_ENV: "production", APP_URL: "https://hub.example.org", APP_SECRET: "k".repeat(40) };
    expect(productionProblems(loadConfig(env), env).join(" ")).toMatch(/RESEND_API_KEY.*MAIL_DELIVERY=disabled/);
    const disabled = { ...env, MAIL_DELIVERY: "disabled" };
    expect(productionProblems(loadConfig(disabled), disabled)).toEqual([]);
  });

  it("APP_ENV decides the deployment kind, whatever NODE_ENV says", () => {
    expect(loadConfig({ APP_ENV: "development", NODE_ENV: "production" }).production).toBe(false);
    expect(loadConfig({ APP_ENV: "production" }).production).toBe(true);
  });

  it("asks nothing of a development start", () => {
    expect(productionProblems(loadConfig({}), {})).toEqual([]);
  });
});

describe("the webhook test switch", () => {
  it("is on only when asked for outside production, and a production start refuses it", () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: "true" }).webhookAllowPrivate).toBe(true);
    const env = {
      APP_ENV: "production",
      APP_URL: "https://hub.example.org",
      APP_SECRET: "k".repeat(40),
      RESEND_API_KEY: "re_test",
      WEBHOOK_ALLOW_PRIVATE: "true",
    };
    expect(loadConfig(env).webhookAllowPrivate).toBe(false);
    expect(productionProblems(loadConfig(env), env).join(" ")).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
  });
});
