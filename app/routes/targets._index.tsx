import { SectionIntro } from "~/components/section-intro";

export const handle = { titleKey: "nav.targets" };

export default function Page() {
  return <SectionIntro section="targets" />;
}
