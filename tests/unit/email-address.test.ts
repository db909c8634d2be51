import { describe, expect, it } from "vitest";
import { normaliseEmail } from "~/lib/email-address";

describe("normalised e-mail addresses", () => {
  it.each([
    ["Jane.Doe+letters@Gmail.com", "janedoe@gmail.com"],
    ["j.a.n.e.d.o.e@googlemail.com", "janedoe@gmail.com"],
    ["  Ana+x@Example.ORG ", "ana@example.org"],
    ["first.last@example.org", "first.last@example.org"],
  ])("%s is %s", (address, expected) => {
    expect(normaliseEmail(address)).toBe(expected);
  });
});
