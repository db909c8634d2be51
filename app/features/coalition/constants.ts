export const SECTORS = [
  "civil_society",
  "industry",
  "academia",
  "individual_expert",
  "child_safety",
  "government",
  "other",
] as const;
export const MEMBER_STATUSES = ["applied", "active", "suspended", "left"] as const;
export type Sector = (typeof SECTORS)[number];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
