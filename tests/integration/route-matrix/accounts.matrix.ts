import { settleBackgroundTasks } from "~/lib/background.server";
import { db } from "../../../db/connection";
import { Client, DEMO } from "../../support/app-server";
import { adminOnly, all, anonymousOnly, signedIn, staffOnly, type MatrixArea } from "./expectations";

/** The public lists, health, signing in, accounts, and the staff and admin pages that belong to no feature. */
export const area: MatrixArea = {
  entries: {
    "routes/_index": { path: "/", expect: all(200) },
    "routes/coalition._index": { path: "/coalition", expect: all(200) },
    "routes/letters._index": { path: "/letters", expect: all(200) },
    "routes/events._index": { path: "/events", expect: all(200) },
    "routes/chapters._index": { path: "/chapters", expect: all(200) },
    "routes/targets._index": { path: "/targets", expect: all(200) },
    "routes/healthz": { path: "/healthz", expect: all(200) },
    "routes/ping": { path: "/ping", expect: all(200) },
    "routes/login": { path: "/login", expect: anonymousOnly },
    "routes/forgot-password": { path: "/forgot-password", expect: anonymousOnly },
    "routes/reset-password": { path: "/reset-password?token=nope", expect: all(200) },
    "routes/invitations.accept": { path: "/invitations/accept?token=nope", expect: all(200) },
    "routes/logout": { path: "/logout", expect: all(302) },
    "routes/locale": { path: "/locale", expect: all(302) },
    "routes/account": { path: "/account", expect: signedIn(200) },
    "routes/account_.two-factor": { path: "/account/two-factor", expect: signedIn(200) },
    "routes/login_.two-factor": { path: "/login/two-factor", expect: all(302) },
    "routes/staff._index": { path: "/staff", expect: staffOnly },
    "routes/staff.invitations": { path: "/staff/invitations", expect: staffOnly },
    "routes/staff.audit": { path: "/staff/audit", expect: staffOnly },
    "routes/staff.mail._index": { path: "/staff/mail", expect: staffOnly },
    "routes/staff.mail.$id": { path: "/staff/mail/:mail", expect: staffOnly },
    "routes/staff.mail.$id_.html": { path: "/staff/mail/:mail/html", expect: staffOnly },
    "routes/admin.users._index": { path: "/admin/users", expect: adminOnly },
    "routes/admin.users.$userId": { path: "/admin/users/:user", expect: adminOnly },
  },
  notFound: [
    { path: "/staff/mail/999999", as: "staff" },
    { path: "/staff/mail/999999/html", as: "staff" },
    { path: "/staff/mail/not-a-number", as: "staff" },
    { path: "/admin/users/999999", as: "admin" },
    { path: "/admin/users/1e3", as: "admin" },
    { path: "/no-such-page", as: "anonymous" },
  ],
  setup: async ({ baseUrl }) => {
    // One message in the outbox, so that the mail pages have something to show.
    await new Client(baseUrl, "10.9.8.99").post("/forgot-password", { email: DEMO.staff });
    await settleBackgroundTasks();
    const mail = await db.selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", DEMO.chapter_member)
      .executeTakeFirstOrThrow();
    return { mail: String(mail.id), user: String(user.id) };
  },
};
