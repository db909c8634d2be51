import { createCampaign } from "~/features/campaigns/campaigns.server";
import { db } from "../../../db/connection";
import { DEMO_CAMPAIGN_SLUG } from "../../../demo/demo-campaigns";
import { all, staffOnly, type MatrixArea } from "./expectations";

/** Letter campaigns: writing to lawmakers is public; drafting, managing and exporting are staff work. */
export const area: MatrixArea = {
  entries: {
    "routes/campaigns._index": { path: "/campaigns", expect: all(200) },
    "routes/campaigns.$slug._index": { path: `/campaigns/${DEMO_CAMPAIGN_SLUG}`, expect: all(200) },
    "routes/campaigns.confirm": { path: "/campaigns/confirm?token=nope", expect: all(200) },
    "routes/campaigns.new": { path: "/campaigns/new", expect: staffOnly },
    "routes/campaigns.$slug.edit": { path: "/campaigns/:campaign/edit", expect: staffOnly },
    "routes/campaigns.$slug.manage": { path: "/campaigns/:campaign/manage", expect: staffOnly },
    "routes/campaigns.$slug.letters[.]csv": {
      path: `/campaigns/${DEMO_CAMPAIGN_SLUG}/letters.csv`,
      expect: staffOnly,
    },
    "routes/staff.campaigns": { path: "/staff/campaigns", expect: staffOnly },
  },
  notFound: [
    { path: "/campaigns/no-such-campaign", as: "anonymous" },
    { path: "/campaigns/no-such-campaign/edit", as: "staff" },
    { path: "/campaigns/no-such-campaign/manage", as: "staff" },
    { path: "/campaigns/no-such-campaign/letters.csv", as: "staff" },
  ],
  // The edit and manage pages of a draft (the demo campaign is open).
  setup: async ({ staff }) => {
    const threat = await db.selectFrom("threats").select("id").orderBy("id").executeTakeFirstOrThrow();
    const created = await createCampaign(staff, {
      threat: threat.id,
      recipientMode: "rule",
      ruleJurisdiction: "US",
      senderPicksConstituency: false,
      lawmakers: [],
      sendingAddress: "letters@example.org",
      en: { title: "Matrix draft campaign", introduction: "Draft.", subjects: "Hello", body: "Dear {{lawmaker.name}}" },
    });
    if (!created.ok) throw new Error("could not create the test campaign");
    return { campaign: created.slug };
  },
};
