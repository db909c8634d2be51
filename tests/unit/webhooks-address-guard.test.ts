import { describe, expect, it } from "vitest";
import {
  checkWebhookUrl,
  isPublicAddress,
  type CheckedAddress,
  type Resolver,
} from "~/features/webhooks/address-guard.server";

const refused: Array<[string, string]> = [
  ["127.0.0.1", "loopback"],
  ["127.255.0.9", "loopback"],
  ["::1", "IPv6 loopback"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "this network"],
  ["::", "IPv6 unspecified"],
  ["10.0.0.1", "RFC 1918"],
  ["172.16.0.1", "RFC 1918"],
  ["172.31.255.255", "RFC 1918"],
  ["192.168.1.10", "RFC 1918"],
  ["169.254.169.254", "link-local (cloud metadata)"],
  ["fe80::1", "IPv6 link-local"],
  ["100.64.0.1", "CGNAT"],
  ["100.127.255.254", "CGNAT"],
  ["fc00::1", "unique-local"],
  ["fd12:3456:789a::1", "unique-local"],
  ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
  ["::ffff:8.8.8.8", "IPv4-mapped, even public"],
  ["64:ff9b::a00:1", "NAT64"],
  ["2002:7f00:1::", "6to4"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["ff02::1", "IPv6 multicast"],
  ["255.255.255.255", "broadcast"],
  ["192.0.2.1", "documentation"],
  ["2001:db8::1", "IPv6 documentation"],
  ["198.18.0.1", "benchmarking"],
  ["240.0.0.1", "reserved"],
  ["fec0::1", "site-local"],
  ["not-an-ip", "not an address"],
];
const allowed = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"];

describe("isPublicAddress", () => {
  it.each(refused)("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
  it.each(allowed)("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

const dnsTable: Record<string, CheckedAddress[]> = {
  "hooks.example.org": [{ address: "93.184.215.14", family: 4 }],
  "dual.example.org": [
    { address: "93.184.215.14", family: 4 },
    { address: "2606:4700:4700::1111", family: 6 },
  ],
  "internal.example.org": [{ address: "10.1.2.3", family: 4 }],
  "rebind.example.org": [
    { address: "93.184.215.14", family: 4 },
    { address: "127.0.0.1", family: 4 },
  ],
  "metadata.example.org": [{ address: "169.254.169.254", family: 4 }],
  "mapped.example.org": [{ address: "::ffff:10.0.0.1", family: 6 }],
  "ula.example.org": [{ address: "fd00::5", family: 6 }],
};
const resolve: Resolver = async (hostname) => {
  const found = dnsTable[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return found;
};
const strict = { allowPrivate: false, resolve };

describe("checkWebhookUrl", () => {
  it.each([
    ["https://hooks.example.org/in", true],
    ["https://dual.example.org:8443/in?x=1", true],
    ["https://93.184.215.14/in", true],
    ["https://[2606:4700:4700::1111]/in", true],
  ])("accepts %s", async (url, ok) => {
    const result = await checkWebhookUrl(url, strict);
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.addresses.length).toBeGreaterThan(0);
  });

  it.each([
    ["http://hooks.example.org/in", "scheme"],
    ["ftp://hooks.example.org/in", "scheme"],
    ["https://internal.example.org/in", "private"],
    ["https://rebind.example.org/in", "private"],
    ["https://metadata.example.org/latest", "private"],
    ["https://mapped.example.org/", "private"],
    ["https://ula.example.org/", "private"],
    ["https://127.0.0.1/in", "private"],
    ["https://2130706433/in", "private"], // 127.0.0.1 as one number
    ["https://0x7f.1/in", "private"],
    ["https://[::1]/in", "private"],
    ["https://[::ffff:7f00:1]/in", "private"],
    ["https://0.0.0.0/in", "private"],
    ["https://localhost/in", "private"],
    ["https://nowhere.example.org/in", "unresolved"],
    ["https://user:pw@hooks.example.org/in", "invalid"],
    ["not a url", "invalid"],
  ])("refuses %s (%s)", async (url, reason) => {
    const localhost: Resolver = async (host) =>
      host === "localhost" ? [{ address: "127.0.0.1", family: 4 }] : resolve(host);
    expect(await checkWebhookUrl(url, { allowPrivate: false, resolve: localhost })).toEqual({ ok: false, reason });
  });

  it("resolves names with the system resolver by default (localhost is loopback)", async () => {
    expect(await checkWebhookUrl("https://localhost:9/in", { allowPrivate: false })).toEqual({
      ok: false,
      reason: "private",
    });
  });

  it("the test switch allows http and loopback, and nothing else changes", async () => {
    const result = await checkWebhookUrl("http://127.0.0.1:4567/in", { allowPrivate: true, resolve });
    expect(result.ok).toBe(true);
    expect(await checkWebhookUrl("ftp://127.0.0.1/in", { allowPrivate: true, resolve })).toEqual({
      ok: false,
      reason: "scheme",
    });
  });
});
