/** The form helper sends what a browser sends, or the tests built on it prove nothing. */
import { describe, expect, it } from "vitest";
import { findForm, parseForms } from "../support/html-form";

const PAGE = "http://hub.test/letters/a-letter?lang=fr#sign";

const HTML = `<!doctype html><html><body>
<form method="post" action="/locale"><input type="hidden" name="redirectTo" value="/"><button>Go</button></form>
<form id="sign" method="POST" action="/letters/a-letter/sign">
  <input type="hidden" name="intent" value="individual">
  <label for="sign-name">Your  name</label><input id="sign-name" name="name" type="text" value="Pre&amp;filled">
  <label for="sign-country">Country</label>
  <select id="sign-country" name="country">
    <option value="">Choose…</option><option value="NO">Norway</option><option value="SE" disabled>Sweden</option>
  </select>
  <select name="size"><option disabled selected>Pick a size</option><option>Large</option></select>
  <select name="first"><option>One</option><option value="2">Two</option></select>
  <label><input type="checkbox" name="consent"> Show my name</label>
  <input type="checkbox" name="news" value="yes" checked>
  <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
  <input name="off" value="x" disabled>
  <fieldset disabled><legend><input name="inLegend" value="kept"></legend><input name="inFieldset" value="dropped"></fieldset>
  <textarea name="note">
line one</textarea>
  <input value="no name">
  <button type="button" name="helper" value="h">Help</button>
  <button type="submit" name="action" value="save">Save</button>
  <button name="action" value="publish">Publish</button>
</form>
<input form="sign" name="outside" value="tied">
<form><input name="q" value="search me"></form>
</body></html>`;

const signForm = () => findForm(HTML, PAGE, (f) => f.id === "sign");

describe("html-form", () => {
  it("reads every form with its action, method and encoding", () => {
    const forms = parseForms(HTML, PAGE);
    expect(forms.map((f) => [f.method, f.action.href, f.enctype])).toEqual([
      ["post", "http://hub.test/locale", "application/x-www-form-urlencoded"],
      ["post", "http://hub.test/letters/a-letter/sign", "application/x-www-form-urlencoded"],
      // No action: the page's own URL, without its fragment; no method: GET.
      ["get", "http://hub.test/letters/a-letter?lang=fr", "application/x-www-form-urlencoded"],
    ]);
  });

  it("sends what a browser sends as rendered: the first submit button pressed", () => {
    expect(signForm().entries()).toEqual([
      ["intent", "individual"],
      ["name", "Pre&filled"],
      ["country", ""],
      ["first", "One"],
      ["news", "yes"],
      ["kind", "b"],
      ["inLegend", "kept"],
      ["note", "line one"],
      ["action", "save"],
      ["outside", "tied"],
    ]);
  });

  it("fills by label or name, ticks boxes, and presses the chosen button", () => {
    const form = signForm()
      .fill({ label: "Your name" }, "Ola Nordmann")
      .select({ label: "Country" }, "Norway")
      .fill("size", "Large")
      .check({ label: "Show my name" })
      .check("news", false);
    expect(form.body({ name: "action", value: "publish" }).toString()).toBe(
      new URLSearchParams([
        ["intent", "individual"],
        ["name", "Ola Nordmann"],
        ["country", "NO"],
        ["size", "Large"],
        ["first", "One"],
        ["consent", "on"],
        ["kind", "b"],
        ["inLegend", "kept"],
        ["note", "line one"],
        ["action", "publish"],
        ["outside", "tied"],
      ]).toString(),
    );
  });

  it("refuses what a person could not do", () => {
    const form = signForm();
    expect(() => form.fill({ label: "Country" }, "SE")).toThrow(/no option "SE"/);
    expect(() => form.fill("off", "x")).toThrow(/disabled/);
    expect(() => form.fill("consent", "on")).toThrow(/not a field a person types into/);
    expect(() => form.check("name")).toThrow(/not a checkbox/);
    expect(() => form.control({ label: "Nothing like this" })).toThrow(/found 0/);
    expect(() => form.control("action")).toThrow(/found 2/);
    expect(() => form.entries("helper")).toThrow(/does not submit/);
  });
});
