import { SectionIntro } from "~/components/section-intro";

export const handle = { titleKey: "nav.threats" };

export default function Page() {
  return <SectionIntro section="threats" />;
}
