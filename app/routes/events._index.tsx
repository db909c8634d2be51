import { SectionIntro } from "~/components/section-intro";

export const handle = { titleKey: "nav.events" };

export default function Page() {
  return <SectionIntro section="events" />;
}
