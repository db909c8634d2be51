import pg from "pg";

/**
 * Test databases on PostgreSQL: TEST_DATABASE_URL names a server and a database the tests may
 * connect to (it is only used to issue CREATE/DROP DATABASE). The global setup migrates and seeds a
 * template database once per run; every test file gets `CREATE DATABASE ... TEMPLATE` of it.
 */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.TEST_DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

/** The same server and credentials, another database. */
export function urlForDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  await withAdmin(serverUrl, async (client) => {
    const from = template ? ` TEMPLATE ${quoteIdent(template)}` : "";
    // Copies from one template can collide while another copy is starting: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)}${from}`);
        return;
      } catch (error) {
        const busy = error instanceof Error && /being accessed by other users/.test(error.message);
        if (!busy || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Drops the databases a previous run of this template prefix left behind (e.g. after a crash). */
export async function dropDatabasesStartingWith(serverUrl: string, prefix: string): Promise<void> {
  const names = await withAdmin(serverUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    return result.rows.map((r) => r.datname);
  });
  for (const name of names) await dropDatabase(serverUrl, name);
}
