/** Reads the operations of a service's OpenAPI document and builds request bodies from its examples. */

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: Schema; example?: unknown }> };
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
}

export interface Operation {
  service: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  operationId: string;
  pathParams: string[];
  queryParams: { name: string; required: boolean }[];
  /** The media type of the request body, when there is one. */
  contentType?: string;
  bodySchema?: Schema;
}

export function operationsOf(service: string, document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      operations.push({
        service,
        method: method.toUpperCase() as Operation['method'],
        path,
        operationId: operation.operationId,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required })),
        contentType,
        bodySchema: contentType ? content[contentType].schema : undefined,
      });
    }
  }
  return operations;
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {});
  if (schema.allOf?.length === 1) return resolve(document, schema.allOf[0]);
  return schema;
}

/**
 * A request body made of the document's examples. Throws, naming the property, when a required
 * property has neither an example nor an object/array shape to build one from: the matrix must
 * never fall back to a guessed body.
 */
export function exampleBody(document: OpenApiDocument, schema: Schema, where: string): unknown {
  const resolved = resolve(document, schema);
  if (resolved.example !== undefined) return structuredClone(resolved.example);
  if (resolved.type === 'array' && resolved.items) return [exampleBody(document, resolved.items, `${where}[]`)];
  if (resolved.properties) {
    const body: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(resolved.properties)) {
      const required = resolved.required?.includes(name) ?? false;
      const inner = resolve(document, property);
      const buildable =
        inner.example !== undefined || inner.properties !== undefined || (inner.type === 'array' && !!inner.items);
      if (buildable && (required || inner.example !== undefined)) {
        body[name] = exampleBody(document, property, `${where}.${name}`);
      } else if (required) {
        throw new Error(`${where}.${name} has no example in the OpenAPI document`);
      }
    }
    return body;
  }
  if (resolved.enum?.length) return resolved.enum[0];
  throw new Error(`${where} has no example in the OpenAPI document`);
}
