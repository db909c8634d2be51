import { TokenActionPage } from "~/features/letters/token-page";
import { tokenPageAction, tokenPageLoader } from "~/features/letters/token-page.server";

export const handle = { titleKey: "signatures:withdraw.title" };
export const loader = tokenPageLoader("withdraw");
export const action = tokenPageAction("withdraw");

export default function WithdrawSignaturePage() {
  return <TokenActionPage kind="withdraw" />;
}
