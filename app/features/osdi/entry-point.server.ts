/** The OSDI entry point (AEP): what this server offers, as links. */
import { curies, link, ORIGIN_SYSTEM } from "~/features/osdi/hal.server";
import { OSDI_MAX_PER_PAGE } from "~/features/osdi/query";

export function entryPoint() {
  return {
    motd: "Welcome to the Encryption Advocacy Hub's OSDI API. Personal data needs an OSDI-API-Token header.",
    vendor_name: ORIGIN_SYSTEM,
    product_name: ORIGIN_SYSTEM,
    osdi_version: "1.1",
    max_pagesize: OSDI_MAX_PER_PAGE,
    namespace: "hub",
    _links: {
      self: link(""),
      "osdi:petitions": { ...link("/petitions"), title: "The collection of petitions (open letters)" },
      "osdi:events": { ...link("/events"), title: "The collection of events (Global Encryption Day)" },
      "osdi:advocacy_campaigns": {
        ...link("/advocacy_campaigns"),
        title: "The collection of advocacy campaigns (letters to lawmakers)",
      },
      "osdi:people": { ...link("/people"), title: "The collection of people (with an API key)" },
      curies: curies(),
    },
  };
}
