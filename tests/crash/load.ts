/**
 * Signers at full speed: `clients` concurrent loops, each POSTing one individual signature after
 * another, every one with its own e-mail address, until the server stops answering.
 *
 * An acknowledged signature is one the client saw the success answer for: the sign route's
 * 303 (Post/Redirect/Get) to `/letters/<slug>/sign?done=individual`. Anything else (a refused
 * connection, a reset while the request was in flight, another status) is not a promise.
 */
export interface LoadResult {
  /** Lower-cased e-mail addresses of the acknowledged signatures. */
  acknowledged: string[];
  /** Requests without a success answer, by status code or "network" (cut off by the kill). */
  unacknowledged: Record<string, number>;
}

export interface SignLoad {
  /** Resolves once every client has stopped (call after the server is gone). */
  done: Promise<LoadResult>;
  /** Acknowledged so far. */
  acknowledgedCount(): number;
}

type Answer = "acknowledged" | "network" | number;

/** Posts one individual signature as the sign form does. */
export async function signOnce(baseUrl: string, slug: string, email: string, n: number): Promise<Answer> {
  const signPath = `/letters/${encodeURIComponent(slug)}/sign`;
  let res: Response;
  try {
    res = await fetch(baseUrl + signPath, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
      body: new URLSearchParams({
        intent: "individual",
        name: `Crash Signer ${n}`,
        affiliation: "Durability test",
        jurisdiction: ["FR", "BR", "US", "KE", "IN", "DE"][n % 6],
        email,
        showPublicly: "on",
      }),
    });
    await res.arrayBuffer();
  } catch {
    return "network";
  }
  return res.status === 303 && res.headers.get("location") === `${signPath}?done=individual`
    ? "acknowledged"
    : res.status;
}

export function startSigning(baseUrl: string, slug: string, clients: number, emailPrefix: string): SignLoad {
  const acknowledged: string[] = [];
  const unacknowledged: Record<string, number> = {};
  let n = 0;

  async function client(): Promise<void> {
    for (;;) {
      const email = `${emailPrefix}${n}@crash.example.org`;
      const answer = await signOnce(baseUrl, slug, email, n++);
      if (answer === "acknowledged") {
        acknowledged.push(email);
        continue;
      }
      unacknowledged[answer] = (unacknowledged[answer] ?? 0) + 1;
      // The server was killed: this request and every later one go unanswered.
      if (answer === "network") return;
    }
  }

  const done = Promise.all(Array.from({ length: clients }, client)).then(() => ({ acknowledged, unacknowledged }));
  return { done, acknowledgedCount: () => acknowledged.length };
}
