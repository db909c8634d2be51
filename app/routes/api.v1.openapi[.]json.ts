import { openApiDocument } from "~/features/open-data/openapi.server";
import { apiJson } from "~/features/threats/api.server";

/** Open data: the OpenAPI 3.1 description of `/api/v1`, generated from its schemas. Public. */
export function loader() {
  return apiJson(openApiDocument());
}
