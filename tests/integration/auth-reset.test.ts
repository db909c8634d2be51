import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { sha256Hex } from "~/features/auth/tokens.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let ip = 1;
const anonymous = () => new Client(server.url, `198.51.100.${ip++}`);

async function askForLink(email: string): Promise<string> {
  const response = await anonymous().post("/forgot-password", { email });
  expect(response.status).toBe(200);
  return tokenFrom((await lastMailTo(email))!.text);
}

const usable = async (token: string) =>
  !(await (await anonymous().get(`/reset-password?token=${token}`)).text()).includes(
    "expired or has already been used",
  );

describe("password reset links", () => {
  it("a new link makes the older one stop working", async () => {
    const first = await askForLink(DEMO.chapter_member);
    expect(await usable(first)).toBe(true);
    const second = await askForLink(DEMO.chapter_member);
    expect(second).not.toBe(first);
    expect(await usable(first)).toBe(false);
    expect(await usable(second)).toBe(true);
    const late = await anonymous().post("/reset-password", {
      token: first,
      password: "late passphrase for an old link",
      confirmPassword: "late passphrase for an old link",
    });
    expect(late.status).toBe(400);
  });

  it("a successful reset makes every other link stop working", async () => {
    const used = await askForLink(DEMO.chapter_lead);
    // Another link of the same user that was never superseded (e.g. issued by another instance).
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", DEMO.chapter_lead)
      .executeTakeFirstOrThrow();
    const other = "otherlinkotherlinkother2";
    const stamp = new Date().toISOString();
    await db
      .insertInto("password_resets")
      .values({
        user_id: user.id,
        token_hash: sha256Hex(other),
        expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
        used_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    expect(await usable(other)).toBe(true);
    const reset = await anonymous().post("/reset-password", {
      token: used,
      password: "brand new passphrase 77",
      confirmPassword: "brand new passphrase 77",
    });
    expect(reset.status).toBe(302);
    expect(await usable(other)).toBe(false);
  });

  it("answers as fast for an address with an account as for one without", async () => {
    // One request per address: the per-account limit allows three an hour.
    const stamp = new Date().toISOString();
    const known: string[] = [];
    for (let i = 0; i < 15; i++) {
      const email = `timing-${i}@example.org`;
      await db
        .insertInto("users")
        .values({
          email,
          name: `Timing ${i}`,
          password_hash: null,
          role: "chapter_member",
          chapter_id: null,
          coalition_member_id: null,
          locale: i % 2 ? "fr" : "en",
          status: "active",
          last_login_at: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
      known.push(email);
    }
    const time = async (email: string) => {
      const started = performance.now();
      const response = await anonymous().post("/forgot-password", { email });
      const elapsed = performance.now() - started;
      expect(response.status).toBe(200);
      await lastMailTo(email); // let the mail of the previous request be written before the next
      return elapsed;
    };
    await time("warm-up-nobody@example.org");
    // The link is made and its mail rendered after the response, not while the visitor waits.
    const response = await anonymous().post("/forgot-password", { email: DEMO.coalition_member });
    expect(response.status).toBe(200);
    const queuedBefore = await db
      .selectFrom("outbox")
      .select("id")
      .where("to_address", "=", DEMO.coalition_member)
      .executeTakeFirst();
    expect(queuedBefore).toBeUndefined();
    expect((await lastMailTo(DEMO.coalition_member))?.template).toBe("password-reset");

    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < known.length; i++) {
      knownTimes.push(await time(known[i]));
      unknownTimes.push(await time(`nobody-${i}@example.org`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const [k, u] = [median(knownTimes), median(unknownTimes)];
    console.log(`median known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`);
    expect(Math.abs(k - u)).toBeLessThan(30);
    // And the mails were still queued, after the responses.
    for (const email of known) expect((await lastMailTo(email))?.template).toBe("password-reset");
  });
});
