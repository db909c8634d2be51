import { createLetter, openLetter } from "~/features/letters/letters.server";
import { all, staffOnly, type MatrixArea } from "./expectations";

export const area: MatrixArea = {
  entries: {
    // Open letters: the letter page and its open data are public (the test letter is open); drafting,
    // editing and status changes are staff work.
    "routes/letters.new": { path: "/letters/new", expect: staffOnly },
    "routes/letters.$slug._index": { path: "/letters/:letter", expect: all(200) },
    "routes/letters.$slug.edit": { path: "/letters/:letter/edit", expect: staffOnly },
    "routes/letters.$slug.manage": { path: "/letters/:letter/manage", expect: staffOnly },
    "routes/api.v1.letters": { path: "/api/v1/letters", expect: all(200) },
    "routes/api.v1.letters.$slug": { path: "/api/v1/letters/:letter", expect: all(200) },
    // Signing: public pages (GET only looks; the mailed links' pages answer 200 even for a bad token);
    // moderation and the export with e-mail addresses are staff work.
    "routes/letters.$slug.sign": { path: "/letters/:letter/sign", expect: all(200) },
    "routes/letters.confirm": { path: "/letters/confirm?token=nope", expect: all(200) },
    "routes/letters.withdraw": { path: "/letters/withdraw?token=nope", expect: all(200) },
    "routes/staff.letters.$slug.signatures": { path: "/staff/letters/:letter/signatures", expect: staffOnly },
    "routes/staff.letters.$slug.signatures[.]csv": {
      path: "/staff/letters/:letter/signatures.csv",
      expect: staffOnly,
    },
  },
  notFound: [
    { path: "/letters/no-such-letter", as: "anonymous" },
    { path: "/letters/no-such-letter/edit", as: "staff" },
    { path: "/letters/no-such-letter/manage", as: "staff" },
    { path: "/api/v1/letters/no-such-letter", as: "anonymous" },
    { path: "/letters/no-such-letter/sign", as: "anonymous" },
    { path: "/staff/letters/no-such-letter/signatures", as: "staff" },
    { path: "/staff/letters/no-such-letter/signatures.csv", as: "staff" },
  ],
  setup: async ({ staff }) => {
    const letter = await createLetter(staff, {
      texts: [{ language: "en", title: "Matrix test letter", body: "Keep encryption." }],
      threats: [],
    });
    if (!letter.ok) throw new Error("could not create the test letter");
    await openLetter(staff, letter.id);
    return { letter: letter.slug };
  },
};
