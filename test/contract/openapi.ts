/**
 * The OpenAPI slice of the oauth_clients endpoints (a copy of Cloudflare's published document),
 * read by the emulator for its field lists and enums and by the contract tests, so neither copies
 * them by hand.
 */
import { readFileSync } from 'node:fs';

export const OPENAPI_PATH = new URL('./oauth-clients.openapi.json', import.meta.url);

interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: string[];
  type?: string;
  readOnly?: boolean;
}

interface OpenApiDocument {
  components: { schemas: Record<string, SchemaNode> };
}

export const openApi: OpenApiDocument = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));

/** A component schema by name, e.g. `iam_oauth_client_create_request`. */
export function schema(name: string): SchemaNode {
  const found = openApi.components.schemas[name];
  if (!found) throw new Error(`no schema ${name} in the OpenAPI document`);
  return found;
}

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? schema(node.$ref.replace('#/components/schemas/', '')) : node;
}

/** Properties of a schema with its allOf parts merged, $refs resolved one level. */
export function propertiesOf(name: string): Record<string, SchemaNode> {
  const merged: Record<string, SchemaNode> = {};
  const visit = (node: SchemaNode): void => {
    const resolved = resolve(node);
    for (const part of resolved.allOf ?? []) visit(part);
    for (const [key, value] of Object.entries(resolved.properties ?? {})) {
      merged[key] = resolve(value.allOf?.length === 1 && value.allOf[0] ? value.allOf[0] : value);
      if (value.readOnly) merged[key] = { ...merged[key], readOnly: true };
    }
  };
  visit(schema(name));
  return merged;
}

/** The required fields of a schema, allOf parts merged. */
export function requiredOf(name: string): string[] {
  const required = new Set<string>();
  const visit = (node: SchemaNode): void => {
    const resolved = resolve(node);
    for (const part of resolved.allOf ?? []) visit(part);
    for (const key of resolved.required ?? []) required.add(key);
  };
  visit(schema(name));
  return [...required];
}

/** The enum of a string field, or of an array field's items. */
export function enumOf(schemaName: string, field: string): string[] {
  const property = propertiesOf(schemaName)[field];
  const values = property?.enum ?? (property?.items ? resolve(property.items).enum : undefined);
  if (!values) throw new Error(`${schemaName}.${field} has no enum`);
  return values;
}
