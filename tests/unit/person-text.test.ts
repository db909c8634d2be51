import { describe, expect, it } from "vitest";
import { PERSON_TEXT_MAX, personText } from "../../app/features/email/person-text";

describe("personText", () => {
  it("keeps ordinary names as they are", () => {
    for (const name of ["Ana Souza", "Zoë O'Brien-Ngũgĩ", "J. R. Smith", "李小龙", "Ana Souza."]) {
      expect(personText(name)).toBe(name);
    }
  });

  it("breaks anything a mail client would link: domains, URLs, addresses", () => {
    expect(personText("evil.example.com")).toBe("evil\u2024example\u2024com");
    expect(personText("see https://phish.example/login")).toBe("see https:\u2044\u2044phish\u2024example/login");
    expect(personText("www.x.org")).toBe("www\u2024x\u2024org");
    expect(personText("me@mail.example")).toBe("me@mail\u2024example");
    for (const value of ["evil.example.com", "https://phish.example", "www.x.org", "a.b"]) {
      expect(personText(value)).not.toMatch(/[\p{L}\p{N}]\.[\p{L}\p{N}]|:\/\//u);
    }
  });

  it("shortens long names with an ellipsis, never inside a character, and keeps them on one line", () => {
    const long = "😀".repeat(200);
    const short = personText(long);
    expect(Array.from(short)).toHaveLength(PERSON_TEXT_MAX);
    expect(short.endsWith("…")).toBe(true);
    expect(short).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(personText("Ana\r\nBcc: x@y")).toBe("Ana Bcc: x@y");
    expect(personText("a".repeat(PERSON_TEXT_MAX))).toBe("a".repeat(PERSON_TEXT_MAX));
  });
});
