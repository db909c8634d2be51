import { describe, expect, it } from "vitest";
import { CampaignSchema, parseSendingAddress } from "../../app/features/campaigns/forms";
import {
  SUBJECT_MAX_LENGTH,
  renderSubject,
  renderTemplate,
  templateVariables,
  validateTemplate,
  type TemplateValues,
} from "../../app/features/campaigns/template";

const values: TemplateValues = {
  "lawmaker.name": "Alex Rivera",
  "lawmaker.title": "Senator",
  "sender.name": "Ana Souza",
  "sender.locality": "Seattle",
  "sender.personal_note": "",
  "threat.title": "STOP CSAM Act",
};

describe("template validation", () => {
  it("accepts the six variables, with or without spaces inside the braces", () => {
    expect(
      validateTemplate(
        "{{lawmaker.name}} {{ lawmaker.title }} {{sender.name}} {{sender.locality}} {{sender.personal_note}} {{threat.title}}",
      ),
    ).toEqual([]);
  });

  it("names an unknown variable", () => {
    expect(validateTemplate("Dear {{lawmaker.nmae}},")).toEqual([
      { code: "unknownVariable", variable: "lawmaker.nmae" },
    ]);
    expect(validateTemplate("{{sender.email}}")).toEqual([{ code: "unknownVariable", variable: "sender.email" }]);
  });

  it("reports an unclosed {{ with what follows it", () => {
    expect(validateTemplate("Dear {{lawmaker.name,\nthanks")).toEqual([
      { code: "unclosed", variable: "{{lawmaker.name," },
    ]);
    const errors = validateTemplate("{{sender.name {{threat.title}}");
    expect(errors[0].code).toBe("unclosed");
    expect(errors).toHaveLength(1);
  });

  it("refuses anything that looks like logic, naming it", () => {
    for (const [template, variable] of [
      ["{{#if sender.locality}}x{{/if}}", "#if sender.locality"],
      ["{{{sender.name}}}", "{sender.name}"],
      ["{{> partial}}", "> partial"],
      ["{{sender.name | upper}}", "sender.name | upper"],
      ["{{lookup(sender, 'name')}}", "lookup(sender, 'name')"],
      ["{{^sender.name}}", "^sender.name"],
      ["{{! comment }}", "! comment"],
    ] as const) {
      const errors = validateTemplate(template);
      expect(errors[0], template).toEqual({ code: "logic", variable });
    }
    expect(validateTemplate("{{}}")).toEqual([{ code: "empty", variable: "" }]);
  });

  it("the campaign form refuses a bad template with the variable in the message", () => {
    const result = CampaignSchema.safeParse({
      threat: 1,
      recipientMode: "rule",
      sendingAddress: "letters@example.org",
      en: {
        title: "T",
        introduction: "I",
        subjects: "Hello {{lawmaker.name}}\nBye {{sender.emal}}",
        body: "{{#each x}}",
      },
    });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain("en.subjects: campaigns:template.unknownVariable|sender.emal");
    expect(messages).toContain("en.body: campaigns:template.logic|#each x");
  });

  it("needs at least one complete language, and a started language complete", () => {
    const base = { threat: 1, recipientMode: "rule", sendingAddress: "letters@example.org" };
    expect(CampaignSchema.safeParse(base).success).toBe(false);
    const partial = CampaignSchema.safeParse({ ...base, fr: { title: "Titre" } });
    expect(partial.success).toBe(false);
    const ok = CampaignSchema.safeParse({
      ...base,
      fr: { title: "Titre", introduction: "Intro", subjects: "Objet", body: "Bonjour {{lawmaker.name}}" },
    });
    expect(ok.success).toBe(true);
  });

  it("accepts one sending address, never two or a header injection", () => {
    expect(parseSendingAddress("letters@example.org")).toEqual({ address: "letters@example.org" });
    expect(parseSendingAddress("Letters to lawmakers <letters@example.org>")).toEqual({
      address: "letters@example.org",
    });
    expect(parseSendingAddress("a@example.org, b@example.org")).toBeNull();
    expect(parseSendingAddress("letters@example.org\r\nBcc: x@evil.example")).toBeNull();
    expect(parseSendingAddress("Letters <a@example.org> <b@example.org>")).toBeNull();
    expect(parseSendingAddress("not an address")).toBeNull();
  });
});

describe("rendering", () => {
  it("fills variables literally: a value is never parsed as a template", () => {
    const text = renderTemplate("Dear {{lawmaker.name}},\n\n{{sender.personal_note}}\n\n{{sender.name}}", {
      ...values,
      "sender.name": "{{threat.title}} <script>alert(1)</script>",
    });
    expect(text).toBe("Dear Alex Rivera,\n\n{{threat.title}} <script>alert(1)</script>");
  });

  it("drops the gap an empty personal note leaves", () => {
    const text = renderTemplate("A\n\n{{sender.personal_note}}\n\nB", values);
    expect(text).toBe("A\n\nB");
    expect(renderTemplate("A\n\n{{sender.personal_note}}\n\nB", { ...values, "sender.personal_note": "Mine" })).toBe(
      "A\n\nMine\n\nB",
    );
  });

  it("subjects are one line without control characters, capped", () => {
    const subject = renderSubject("Oppose {{threat.title}} — {{sender.name}}", {
      ...values,
      "sender.name": "Eve\r\nBcc: victim@example.org\u0000\u0007",
    });
    expect(subject).toBe("Oppose STOP CSAM Act — Eve Bcc: victim@example.org");
    expect(subject).not.toMatch(/[\r\n\u0000-\u001f]/);
    const long = renderSubject("{{sender.name}}", { ...values, "sender.name": "é".repeat(500) });
    expect([...long].length).toBe(SUBJECT_MAX_LENGTH);
  });

  it("lists the variables a template uses", () => {
    expect(templateVariables("{{sender.name}} {{sender.personal_note}} {{sender.name}}")).toEqual([
      "sender.name",
      "sender.personal_note",
    ]);
  });
});
