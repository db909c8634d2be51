import { checkDatabase } from "~/features/operations/health.server";

export async function loader() {
  const { read, write } = await checkDatabase();
  const ok = read && write;
  return Response.json(ok ? { status: "ok" } : { status: "unavailable", read, write }, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
