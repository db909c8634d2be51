export {
  CAMPAIGN_LETTER_STATUSES,
  CAMPAIGN_STATUSES,
  type CampaignLetterStatus,
  type CampaignStatus,
} from "~/lib/vocabularies";

/** Days a confirmation link of letters to lawmakers works; unconfirmed letters are removed after. */
export const SENDER_CONFIRM_DAYS = 7;
