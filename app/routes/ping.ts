/** Liveness without touching the database; also the benchmarks' baseline route. */
export function loader() {
  // With its length known, two bytes are not sent through gzip (compression skips bodies under 1 kB).
  return new Response("ok", {
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store", "Content-Length": "2" },
  });
}
