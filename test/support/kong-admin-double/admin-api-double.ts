import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join } from "node:path";
import Ajv, { ValidateFunction } from "ajv";
import OpenAPIBackend from "openapi-backend";
import { parse as parseYaml } from "yaml";
import { kongPluginSchema, kongProblems } from "../kong-schema";
import { ROOT } from "../examples";

// A stateful double of Kong 3.9's Admin API, built from Kong's published description of it
// (kong-schemas/3.9: the OSS and Enterprise OpenAPI, the plugin JSON Schemas and the credential
// entity shapes). It is NOT Kong: no proxy, no router, no database, no plugin code. It answers the
// Admin API requests the kong Terraform provider makes as Kong does where the provider depends on
// it: generated ids and timestamps, defaults filled in, Kong's error shapes (400 schema violation,
// 404, 409 unique violation), unique names, paths and credential keys, and the Admin API protection
// it is started with (an API key on the loopback-protected OSS Admin API, an RBAC token on
// Enterprise). Every request body is validated with openapi-backend against Kong's OpenAPI, plugin
// configs with ajv against the plugin's JSON Schema, credentials against Kong's credential shapes.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Entity = Record<string, Json>;

export interface AdminApiDoubleOptions {
  /** "oss" validates against admin-api-oss.openapi.yaml, "enterprise" against admin-api-ee. @default "oss" */
  readonly edition?: "oss" | "enterprise";
  /** PEM certificate chain and key to serve TLS with. @default plain http */
  readonly tls?: { readonly cert: string; readonly key: string };
  /**
   * Required as HTTP basic authentication, answered as Nginx's `auth_basic` does (401 with
   * `WWW-Authenticate`, an HTML body) before Kong sees the request: the library's OSS protection.
   * @default none
   */
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** Required in the `Kong-Admin-Token` header (Enterprise RBAC). @default none */
  readonly adminToken?: string;
  /** The version `GET /` reports. @default "3.9.1" */
  readonly version?: string;
}

const SCHEMAS = join(ROOT, "kong-schemas", "3.9");

interface Collection {
  /** The component schema of the OpenAPI (Admin API) or of the credential shapes (Konnect). */
  readonly schema?: { readonly file: "admin" | "credentials"; readonly name: string };
  /** Fields whose value is unique across the collection (a list: unique together). */
  readonly unique?: readonly (readonly string[])[];
  /** The field a path may use instead of the id (`/services/{name}`). */
  readonly alias?: string;
  /** Foreign keys: field -> collection. */
  readonly foreign?: Readonly<Record<string, string>>;
  /** The parent this collection nests under, by its foreign field (`/consumers/{c}/key-auth`). */
  readonly parent?: { readonly field: string; readonly collection: string };
  /** Fields Kong generates when the request leaves them out. */
  readonly generated?: Readonly<Record<string, () => string>>;
  /** Deleting a referenced entity is refused (Kong: routes keep their service). @default cascade */
  readonly restrict?: boolean;
}

const token = () => randomBytes(24).toString("base64url");

const COLLECTIONS: Readonly<Record<string, Collection>> = {
  services: { schema: { file: "admin", name: "Service" }, unique: [["name"]], alias: "name", foreign: { client_certificate: "certificates" }, restrict: true },
  routes: {
    schema: { file: "admin", name: "Route" },
    unique: [["name"]],
    alias: "name",
    foreign: { service: "services" },
    parent: { field: "service", collection: "services" },
  },
  consumers: { schema: { file: "admin", name: "Consumer" }, unique: [["username"], ["custom_id"]], alias: "username" },
  upstreams: { schema: { file: "admin", name: "Upstream" }, unique: [["name"]], alias: "name", foreign: { client_certificate: "certificates" } },
  targets: {
    schema: { file: "admin", name: "Target" },
    unique: [["upstream", "target"]],
    alias: "target",
    parent: { field: "upstream", collection: "upstreams" },
  },
  certificates: { schema: { file: "admin", name: "Certificate" } },
  snis: { schema: { file: "admin", name: "SNI" }, unique: [["name"]], alias: "name", foreign: { certificate: "certificates" } },
  plugins: {
    schema: { file: "admin", name: "Plugin" },
    unique: [["name", "service", "route", "consumer"]],
    foreign: { service: "services", route: "routes", consumer: "consumers" },
  },
  "key-auth": {
    schema: { file: "credentials", name: "KeyAuth" },
    unique: [["key"]],
    parent: { field: "consumer", collection: "consumers" },
    generated: { key: token },
  },
  acls: { schema: { file: "credentials", name: "ACL" }, unique: [["consumer", "group"]], parent: { field: "consumer", collection: "consumers" } },
  jwt: {
    schema: { file: "credentials", name: "JWT" },
    unique: [["key"]],
    parent: { field: "consumer", collection: "consumers" },
    generated: { key: token, secret: token },
  },
  "basic-auth": { schema: { file: "credentials", name: "BasicAuth" }, unique: [["username"]], parent: { field: "consumer", collection: "consumers" } },
  // Kong publishes no shape of OAuth2 credentials: only the uniqueness and generation are modelled.
  oauth2: { unique: [["client_id"]], parent: { field: "consumer", collection: "consumers" }, generated: { client_id: token, client_secret: token } },
};

/** Plugins may also nest under services, routes and consumers. */
const PLUGIN_PARENTS: Readonly<Record<string, string>> = { services: "service", routes: "route", consumers: "consumer" };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(typeof body?.message === "string" ? body.message : `HTTP ${status}`);
  }
}

const notFound = () => new HttpError(404, { message: "Not found" });
const schemaViolation = (fields: Record<string, string>) =>
  new HttpError(400, {
    code: 2,
    name: "schema violation",
    message: `schema violation (${Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ")})`,
    fields,
  });

/** OpenAPI 3.0 `nullable` as JSON Schema, for ajv. */
function jsonSchemaOf(node: Json): Json {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" || key.startsWith("x-") || key === "description" || key === "example") continue;
    out[key] = jsonSchemaOf(value);
  }
  if (node.nullable === true && typeof node.type === "string") out.type = [node.type, "null"];
  return out;
}

/**
 * Where Kong's published OpenAPI contradicts its own text, the text wins, and each correction is
 * listed here (docs/REHEARSAL.md repeats them):
 * - consumer-request lists both `username` and `custom_id` as required, while its description (and
 *   Kong) says "you must send either this field or username": at least one of the two.
 * - plugin-request limits `protocols` to http, grpc, grpcs, tls and tcp, while the Plugin schema's own
 *   default is [grpc, grpcs, http, https]: the enum is dropped there, and each plugin's protocols are
 *   checked against that plugin's published JSON Schema instead.
 * - plugin-request types `service`, `route` and `consumer` as strings, while their descriptions say
 *   "With JSON, use "route":{"id":"<route id>"} or "route":{"name":"<route name>"}" (and the Plugin
 *   schema has an object): a reference object, or null.
 */
function correctKongSpec(definition: Json): void {
  const plugin = definition.components?.requestBodies?.["plugin-request"]?.content?.["application/json"]?.schema;
  if (plugin?.properties?.protocols?.items?.enum) delete plugin.properties.protocols.items.enum;
  for (const field of ["service", "route", "consumer"]) {
    if (plugin?.properties?.[field]?.type !== "string") continue;
    const reference = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } }, additionalProperties: false };
    plugin.properties[field] = { description: plugin.properties[field].description, anyOf: [reference, { type: "null" }] };
  }
  const consumer = definition.components?.requestBodies?.["consumer-request"]?.content?.["application/json"]?.schema;
  if (consumer?.required) {
    delete consumer.required;
    consumer.anyOf = [{ required: ["username"] }, { required: ["custom_id"] }];
  }
}

/**
 * Kong's OpenAPI marks some untyped schemas `nullable`, which OpenAPI 3.0 ignores and ajv refuses to
 * compile: the same description without those no-op keywords.
 */
function withoutUntypedNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutUntypedNullable);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" && node.type === undefined) continue;
    out[key] = withoutUntypedNullable(value);
  }
  return out;
}

/** Top-level defaults of a component schema, as Kong fills them in. */
function defaultsOf(schema: Json): Entity {
  const out: Entity = {};
  for (const [key, value] of Object.entries((schema?.properties ?? {}) as Record<string, Json>)) {
    if (value && typeof value === "object" && "default" in value) out[key] = structuredClone(value.default);
  }
  return out;
}

/** A plugin's config with Kong's defaults filled in, recursively (records only). */
function withConfigDefaults(schema: Json, value: Json): Json {
  if (!schema || schema.type !== "object" || !schema.properties) return value;
  const out: Entity = { ...(value ?? {}) };
  for (const [key, field] of Object.entries(schema.properties as Record<string, Json>)) {
    if (out[key] === undefined && field && "default" in field) out[key] = structuredClone(field.default);
    if (out[key] === undefined) out[key] = null;
    else if (field?.type === "object" && field.properties && out[key] !== null) out[key] = withConfigDefaults(field, out[key]);
  }
  return out;
}

export class AdminApiDouble {
  /** Every entity, by collection, in creation order. */
  readonly store = new Map<string, Entity[]>(Object.keys(COLLECTIONS).map((c) => [c, []]));
  /** Every request, for the tests: method, path, status. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  private readonly api: OpenAPIBackend;
  private readonly credentialValidators = new Map<string, ValidateFunction>();
  private readonly adminSchemas: Record<string, Json>;
  private readonly credentialSchemas: Record<string, Json>;
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private server?: Server;

  constructor(private readonly options: AdminApiDoubleOptions = {}) {
    const file = options.edition === "enterprise" ? "admin-api-ee.openapi.yaml" : "admin-api-oss.openapi.yaml";
    const definition = parseYaml(readFileSync(join(SCHEMAS, file), "utf8"));
    this.adminSchemas = definition.components.schemas;
    this.credentialSchemas = parseYaml(readFileSync(join(SCHEMAS, "konnect-control-planes-config-v2.openapi.yaml"), "utf8")).components.schemas;
    correctKongSpec(definition);
    this.api = new OpenAPIBackend({
      definition: withoutUntypedNullable(definition),
      strict: false,
      validate: true,
      quick: false,
      ajvOpts: { strict: false, logger: false },
    });
  }

  /** Listens on 127.0.0.1 (port 0: any free port); resolves to the base URL. */
  async listen(port = 0): Promise<string> {
    await this.api.init();
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.options.tls ? createHttpsServer({ cert: this.options.tls.cert, key: this.options.tls.key }, handler) : createHttpServer(handler);
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    const bound = typeof address === "object" && address ? address.port : port;
    return `${this.options.tls ? "https" : "http"}://127.0.0.1:${bound}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://double");
    let status = 500;
    let body: Json;
    if (!this.basicAuthenticated(req)) {
      this.requests.push({ method: req.method ?? "GET", path: url.pathname, status: 401 });
      res.writeHead(401, { "content-type": "text/html", "www-authenticate": 'Basic realm="Kong Admin API"', server: "openresty" });
      res.end(
        "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n",
      );
      return;
    }
    try {
      this.authenticate(req);
      const raw = await readBody(req);
      let parsed: Json;
      try {
        parsed = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        throw new HttpError(400, { message: "Cannot parse JSON body" });
      }
      [status, body] = this.route(req.method ?? "GET", url, parsed, req.headers);
    } catch (error) {
      if (error instanceof HttpError) [status, body] = [error.status, error.body];
      else [status, body] = [500, { message: `An unexpected error occurred: ${(error as Error).message}` }];
    }
    this.requests.push({ method: req.method ?? "GET", path: url.pathname, status });
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", server: `kong/${this.version} (admin-api-double)` });
    res.end(text);
  }

  private get version(): string {
    return this.options.version ?? "3.9.1";
  }

  /** Nginx's `auth_basic` in front of the Admin API: the `Authorization: Basic` user and password must match. */
  private basicAuthenticated(req: IncomingMessage): boolean {
    const expected = this.options.basicAuth;
    if (expected === undefined) return true;
    const given = /^Basic (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    return given !== undefined && Buffer.from(given, "base64").toString("utf8") === `${expected.username}:${expected.password}`;
  }

  /** Kong's answer to a request without the Enterprise RBAC token. */
  private authenticate(req: IncomingMessage): void {
    if (this.options.adminToken !== undefined && req.headers["kong-admin-token"] !== this.options.adminToken) {
      throw new HttpError(401, { message: "Invalid credentials. Token or User credentials required" });
    }
  }

  private route(method: string, url: URL, body: Json, headers: IncomingMessage["headers"]): [number, Json] {
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (segments.length === 0 && method === "GET") return [200, this.root()];
    if (segments.length === 1 && segments[0] === "status" && method === "GET") return [200, { database: { reachable: true }, server: {} }];
    // Kong fills defaults, then checks the entity: the request is validated as Kong sees it.
    const validated = (candidate: Entity): Entity => {
      this.validateRequest(method, url, candidate, headers);
      return candidate;
    };
    // /{collection}[/{id}] or /{parent}/{pid}/{collection}[/{id}]
    let parentField: string | undefined;
    let parentId: string | undefined;
    let rest = segments;
    if (segments.length >= 3) {
      const [parentCollection, pid, child] = segments;
      const field =
        child === "plugins"
          ? PLUGIN_PARENTS[parentCollection]
          : COLLECTIONS[child]?.parent?.collection === parentCollection
            ? COLLECTIONS[child].parent!.field
            : undefined;
      if (!field || !COLLECTIONS[parentCollection]) throw notFound();
      parentField = field;
      parentId = this.find(parentCollection, pid).id;
      rest = segments.slice(2);
    }
    const [collection, key] = rest;
    const spec = COLLECTIONS[collection];
    if (!spec || rest.length > 2) throw notFound();
    // Credentials and targets exist only under their parent; routes also at the top level.
    if (!parentField && spec.parent && collection !== "routes") throw notFound();
    const withParent = (input: Entity): Entity => (parentField ? { ...input, [parentField]: { id: parentId } } : input);
    if (key === undefined) {
      if (method === "GET") {
        const data = this.all(collection).filter((e) => !parentField || e[parentField]?.id === parentId);
        return [200, { data, next: null }];
      }
      if (method === "POST") return [201, this.create(collection, validated(withParent({ ...this.defaults(collection), ...body })))];
      throw new HttpError(405, { message: "Method not allowed" });
    }
    if (method === "PUT") {
      const existing = this.tryFind(collection, key, parentField, parentId);
      if (existing) return [200, this.replace(collection, existing, validated(withParent({ ...this.defaults(collection), ...body })))];
      const alias = spec.alias && !UUID.test(key) ? { [spec.alias]: key } : { id: key };
      return [200, this.create(collection, validated(withParent({ ...this.defaults(collection), ...body, ...alias })))];
    }
    const entity = this.find(collection, key, parentField, parentId);
    if (method === "GET") return [200, entity];
    if (method === "PATCH") return [200, this.replace(collection, entity, validated(withParent({ ...entity, ...body })))];
    if (method === "DELETE") {
      this.remove(collection, entity);
      return [204, undefined];
    }
    throw new HttpError(405, { message: "Method not allowed" });
  }

  private root(): Json {
    return {
      version: this.version,
      edition: this.options.edition === "enterprise" ? "enterprise" : "community",
      tagline: "Welcome to kong",
      hostname: "admin-api-double",
      configuration: { database: "postgres", admin_listen: ["127.0.0.1:8001"] },
      plugins: { available_on_server: {} },
    };
  }

  /** Kong's OpenAPI (for the entities it describes) checks the request; its errors become a schema violation. */
  private validateRequest(method: string, url: URL, body: Json, headers: IncomingMessage["headers"]): void {
    const request = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: headers as Record<string, string>, body };
    const operation = this.api.matchOperation(request);
    if (!operation) return;
    const result = this.api.validateRequest(request, operation);
    if (result.valid) return;
    const fields: Record<string, string> = {};
    for (const e of result.errors ?? []) fields[(e.instancePath || "/").replace(/^\/requestBody\/?/, "") || "@entity"] = e.message ?? "invalid";
    throw schemaViolation(fields);
  }

  private all(collection: string): Entity[] {
    return this.store.get(collection)!;
  }

  private tryFind(collection: string, key: string, parentField?: string, parentId?: string): Entity | undefined {
    const alias = COLLECTIONS[collection].alias;
    return this.all(collection).find((e) => (e.id === key || (alias !== undefined && e[alias] === key)) && (!parentField || e[parentField]?.id === parentId));
  }

  private find(collection: string, key: string, parentField?: string, parentId?: string): Entity {
    const found = this.tryFind(collection, key, parentField, parentId);
    if (!found) throw notFound();
    return found;
  }

  private create(collection: string, input: Entity): Entity {
    const spec = COLLECTIONS[collection];
    const now = Math.floor(Date.now() / 1000);
    const generated = Object.fromEntries(
      Object.entries(spec.generated ?? {})
        .filter(([field]) => input[field] === undefined || input[field] === null)
        .map(([field, make]) => [field, make()]),
    );
    const entity: Entity = { ...this.defaults(collection), ...input, ...generated, id: input.id ?? randomUUID(), created_at: now };
    // Kong's credentials carry no updated_at.
    if (spec.parent?.collection !== "consumers") entity.updated_at = now;
    this.check(collection, entity);
    this.all(collection).push(entity);
    return entity;
  }

  private replace(collection: string, existing: Entity, input: Entity): Entity {
    const entity: Entity = { ...this.defaults(collection), ...input, id: existing.id, created_at: existing.created_at };
    if ("updated_at" in existing) entity.updated_at = Math.floor(Date.now() / 1000);
    this.check(collection, entity, existing);
    const list = this.all(collection);
    list[list.indexOf(existing)] = entity;
    return entity;
  }

  private defaults(collection: string): Entity {
    const spec = COLLECTIONS[collection];
    if (!spec.schema) return {};
    const schemas = spec.schema.file === "admin" ? this.adminSchemas : this.credentialSchemas;
    return defaultsOf(schemas[spec.schema.name]);
  }

  /** Credentials against Kong's published shapes, plugins against their schema, then references and uniqueness. */
  private check(collection: string, entity: Entity, existing?: Entity): void {
    const spec = COLLECTIONS[collection];
    if (spec.schema?.file === "credentials") {
      let validate = this.credentialValidators.get(collection);
      if (!validate) {
        validate = this.ajv.compile(jsonSchemaOf(this.credentialSchemas[spec.schema.name]));
        this.credentialValidators.set(collection, validate);
      }
      if (!validate(entity)) {
        throw schemaViolation(Object.fromEntries((validate.errors ?? []).map((e) => [e.instancePath.slice(1) || "@entity", e.message ?? "invalid"])));
      }
    }
    if (collection === "plugins") this.checkPlugin(entity);
    for (const [field, target] of Object.entries({ ...spec.foreign, ...(spec.parent ? { [spec.parent.field]: spec.parent.collection } : {}) })) {
      const ref = entity[field];
      if (ref === undefined || ref === null) continue;
      if (!this.all(target).some((e) => e.id === ref.id)) {
        throw new HttpError(400, {
          code: 4,
          name: "foreign key violation",
          message: `the foreign key '{id="${ref.id}"}' does not reference an existing '${target}' entity.`,
          fields: { [field]: { id: ref.id } },
        });
      }
    }
    for (const fields of spec.unique ?? []) {
      const key = (e: Entity) => JSON.stringify(fields.map((f) => (e[f] && typeof e[f] === "object" ? e[f].id : (e[f] ?? null))));
      if (fields.every((f) => entity[f] === undefined || entity[f] === null)) continue;
      const clash = this.all(collection).find((e) => e !== existing && e.id !== entity.id && key(e) === key(entity));
      if (clash) {
        const shown = fields.map((f) => `${f}=${JSON.stringify(entity[f] && typeof entity[f] === "object" ? entity[f].id : entity[f])}`).join(",");
        throw new HttpError(409, {
          code: 5,
          name: "unique constraint violation",
          message: `UNIQUE violation detected on '{${shown}}'`,
          fields: Object.fromEntries(fields.map((f) => [f, entity[f]])),
        });
      }
    }
  }

  private checkPlugin(entity: Entity): void {
    let published: Json;
    try {
      published = kongPluginSchema(entity.name);
    } catch {
      throw schemaViolation({ name: `plugin '${entity.name}' not enabled; add it to the 'plugins' configuration property` });
    }
    const problems = kongProblems(entity.name, entity.config ?? {});
    if (problems.length) throw schemaViolation({ config: problems.join("; ") });
    const allowed: string[] | undefined = published.properties.protocols?.items?.enum;
    const refused = ((entity.protocols ?? []) as string[]).filter((p) => allowed && !allowed.includes(p));
    if (refused.length) throw schemaViolation({ protocols: `${refused.join(", ")} not one of ${allowed!.join(", ")}` });
    entity.config = withConfigDefaults(published.properties.config, entity.config ?? {});
    entity.enabled ??= true;
    entity.protocols ??= ["grpc", "grpcs", "http", "https"];
    for (const field of ["service", "route", "consumer"]) entity[field] ??= null;
  }

  private remove(collection: string, entity: Entity): void {
    const spec = COLLECTIONS[collection];
    for (const [other, otherSpec] of Object.entries(COLLECTIONS)) {
      const refs = [...Object.entries(otherSpec.foreign ?? {}), ...(otherSpec.parent ? [[otherSpec.parent.field, otherSpec.parent.collection] as const] : [])]
        .filter(([, target]) => target === collection)
        .map(([field]) => field);
      const dependants = this.all(other).filter((e) => refs.some((f) => e[f]?.id === entity.id));
      if (!dependants.length) continue;
      if (spec.restrict && other === "routes") {
        throw new HttpError(400, {
          code: 4,
          name: "foreign key violation",
          message: `an existing '${other}' entity references this '${collection}' entity`,
        });
      }
      for (const dependant of dependants) this.remove(other, dependant);
    }
    const list = this.all(collection);
    list.splice(list.indexOf(entity), 1);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
