import { TokenActionPage } from "~/features/letters/token-page";
import { tokenPageAction, tokenPageLoader } from "~/features/letters/token-page.server";

export const handle = { titleKey: "signatures:confirm.title" };
export const loader = tokenPageLoader("confirm");
export const action = tokenPageAction("confirm");

export default function ConfirmSignaturePage() {
  return <TokenActionPage kind="confirm" />;
}
