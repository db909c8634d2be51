import { checkSignatureToken, confirmSignatureToShare } from "~/features/letters/confirmation.server";
import { SignatureLinkPage } from "~/features/letters/signature-link-page";
import { mailedLinkAction, mailedLinkLoader } from "~/features/mailed-links/mailed-link.server";

export const handle = { titleKey: "signatures:confirm.title" };
export const loader = mailedLinkLoader((token) => checkSignatureToken("confirm", token));
export const action = mailedLinkAction(confirmSignatureToShare);

export default function ConfirmSignaturePage() {
  return <SignatureLinkPage kind="confirm" />;
}
