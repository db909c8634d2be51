/** The `page` query parameter as a sane positive integer (1 when missing or nonsense). */
export function parsePage(params: URLSearchParams): number {
  const page = Number(params.get("page") ?? 1);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}
