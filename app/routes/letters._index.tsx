import { SectionIntro } from "~/components/section-intro";

export const handle = { titleKey: "nav.letters" };

export default function Page() {
  return <SectionIntro section="letters" />;
}
