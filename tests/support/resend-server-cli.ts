/**
 * Runs the local Resend-compatible server (resend-server.ts) as its own process, for the browser
 * tests of delivery: `tsx tests/support/resend-server-cli.ts` listens on 127.0.0.1 at
 * RESEND_SERVER_PORT (default 3231) and lists what it accepted at GET /_test/emails.
 * It sends nothing anywhere. Stops on SIGTERM / SIGINT.
 */
import { startResendServer } from "./resend-server";

const port = Number(process.env.RESEND_SERVER_PORT ?? 3231);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write(`RESEND_SERVER_PORT must be a port number, not ${process.env.RESEND_SERVER_PORT}\n`);
  process.exit(1);
}

const server = await startResendServer({ port, testEndpoints: true });
process.stdout.write(`local Resend-compatible server on ${server.url} (accepted mails: ${server.url}/_test/emails)\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
