// The Kong Admin API double answers as Kong 3.9's published description says, where the kong provider
// depends on it: these are the behaviours the gateway rehearsal relies on, one each.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AdminApiDouble } from "../support/kong-admin-double/admin-api-double";

describe("Kong Admin API double", () => {
  const double = new AdminApiDouble({ basicAuth: { username: "kong-admin", password: "admin-password-16+" } });
  const basic = `Basic ${Buffer.from("kong-admin:admin-password-16+").toString("base64")}`;
  let url = "";
  before(async () => {
    url = await double.listen();
  });
  after(() => double.close());

  async function call(method: string, path: string, body?: unknown, authorization = basic) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text && /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : undefined, headers: res.headers };
  }

  it("refuses a request without the Admin API's password as Nginx's auth_basic does, before Kong sees it", async () => {
    const { status, json, headers } = await call("GET", "/services", undefined, "");
    assert.deepEqual([status, json, headers.get("www-authenticate")], [401, undefined, 'Basic realm="Kong Admin API"']);
  });

  it("refuses a wrong password the same way", async () => {
    const wrong = `Basic ${Buffer.from("kong-admin:not-the-password").toString("base64")}`;
    assert.equal((await call("GET", "/services", undefined, wrong)).status, 401);
  });

  it("creates a service with an id, timestamps and Kong's defaults filled in", async () => {
    const { status, json } = await call("POST", "/services", { name: "orders", host: "orders.internal" });
    assert.equal(status, 201);
    assert.match(json.id, /^[0-9a-f-]{36}$/);
    assert.equal(typeof json.created_at, "number");
    assert.deepEqual([json.protocol, json.port, json.retries, json.connect_timeout, json.enabled], ["http", 80, 5, 60000, true]);
  });

  it("refuses a second service of the same name with Kong's unique violation (409)", async () => {
    const { status, json } = await call("POST", "/services", { name: "orders", host: "other.internal" });
    assert.equal(status, 409);
    assert.equal(json.name, "unique constraint violation");
  });

  it("refuses a field of the wrong type from Kong's OpenAPI with a schema violation (400)", async () => {
    const { status, json } = await call("POST", "/services", { name: "typed", host: 42 });
    assert.equal(status, 400);
    assert.deepEqual(json.fields, { host: "must be string" });
  });

  it("refuses a plugin config field Kong's plugin schema does not have", async () => {
    const { status, json } = await call("POST", "/plugins", { name: "rate-limiting", config: { minutes: 5 } });
    assert.equal(status, 400);
    assert.match(json.message, /additionalProperty.*minutes/);
  });

  it("returns a plugin's config with the schema's defaults", async () => {
    const { status, json } = await call("POST", "/plugins", { name: "rate-limiting", config: { minute: 5 } });
    assert.equal(status, 201);
    assert.deepEqual([json.config.minute, json.config.policy, json.config.hour], [5, "local", null]);
  });

  it("generates a key-auth key when none is given, and keeps keys unique", async () => {
    await call("POST", "/consumers", { username: "bob" });
    const generated = await call("POST", "/consumers/bob/key-auth", {});
    assert.equal(generated.status, 201);
    assert.ok(generated.json.key.length >= 20);
    await call("POST", "/consumers", { username: "eve" });
    assert.equal((await call("POST", "/consumers/eve/key-auth", { key: generated.json.key })).status, 409);
  });

  it("refuses a route whose service does not exist (foreign key violation)", async () => {
    const { status, json } = await call("POST", "/routes", { paths: ["/x"], service: { id: "00000000-0000-4000-8000-000000000000" } });
    assert.equal(status, 400);
    assert.equal(json.name, "foreign key violation");
  });

  it("answers 404 with Kong's message for an unknown entity", async () => {
    const { status, json } = await call("GET", "/services/nope");
    assert.deepEqual({ status, json }, { status: 404, json: { message: "Not found" } });
  });

  it("deletes a consumer with its credentials", async () => {
    const bob = (await call("GET", "/consumers/bob")).json.id;
    assert.equal((await call("DELETE", "/consumers/bob")).status, 204);
    assert.equal((await call("GET", "/consumers/bob")).status, 404);
    assert.deepEqual(
      double.store.get("key-auth")!.filter((k) => k.consumer.id === bob),
      [],
    );
  });
});
