import { SectionIntro } from "~/components/section-intro";

export const handle = { titleKey: "nav.coalition" };

export default function Page() {
  return <SectionIntro section="coalition" />;
}
