import { checkSignatureToken, withdrawSignature } from "~/features/letters/confirmation.server";
import { SignatureLinkPage } from "~/features/letters/signature-link-page";
import { mailedLinkAction, mailedLinkLoader } from "~/features/mailed-links/mailed-link.server";

export const handle = { titleKey: "signatures:withdraw.title" };
export const loader = mailedLinkLoader((token) => checkSignatureToken("withdraw", token));
export const action = mailedLinkAction(withdrawSignature);

export default function WithdrawSignaturePage() {
  return <SignatureLinkPage kind="withdraw" />;
}
