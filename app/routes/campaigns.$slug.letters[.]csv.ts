import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { getCampaignBySlug } from "~/features/campaigns/campaigns.server";
import { lettersCsv } from "~/features/campaigns/dashboard.server";

/** Staff: every letter of a campaign (who it went to, its state and dates; never who sent it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const campaign = await getCampaignBySlug(params.slug ?? "");
  if (!campaign) throw notFound();
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await lettersCsv(campaign.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${campaign.slug}-letters-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
