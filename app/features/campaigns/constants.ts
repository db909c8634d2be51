export {
  CAMPAIGN_LETTER_STATUSES,
  CAMPAIGN_STATUSES,
  type CampaignLetterStatus,
  type CampaignStatus,
} from "../../../db/schema";
