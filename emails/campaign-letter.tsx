import { Body, Head, Html, Text } from "@react-email/components";
import { paragraphs } from "../app/lib/paragraphs";
import { previewT, type EmailContext } from "./layout";

export interface CampaignLetterProps {
  /** Rendered and cleaned when the letter was written (one line, capped). */
  subject: string;
  /** The letter as plain text, paragraphs separated by blank lines. */
  body: string;
}

export function campaignLetterSubject(_t: EmailContext["t"], props: CampaignLetterProps): string {
  return props.subject;
}

const fontFamily = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const text = { fontFamily, fontSize: "16px", lineHeight: "1.5", margin: "0 0 16px", color: "#18181b" };

/**
 * A person's letter to a lawmaker: only their text, no branding. Every line is a React text node,
 * so whatever the template or the sender typed is escaped in the HTML part.
 */
export function CampaignLetterEmail({ locale, subject, body }: CampaignLetterProps & EmailContext) {
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <title>{subject}</title>
      </Head>
      <Body style={{ backgroundColor: "#ffffff", margin: 0, padding: "16px" }}>
        {paragraphs(body).map((lines, index) => (
          <Text key={index} style={text}>
            {lines.map((line, i) => (
              <span key={i}>
                {i > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </Text>
        ))}
      </Body>
    </Html>
  );
}

export const PreviewProps: CampaignLetterProps & EmailContext = {
  t: previewT(),
  locale: "en",
  subject: "Please oppose the EARN IT Act",
  body: "Dear Senator Rivera,\n\nI live in Seattle and I ask you to oppose the EARN IT Act.\n\nSincerely,\nAna Souza",
};

CampaignLetterEmail.PreviewProps = PreviewProps;

export default CampaignLetterEmail;
