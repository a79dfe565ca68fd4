import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Issue } from "../../../src/core/schema";
import { checkCatalog } from "../../../src/gateway/catalog";
import { PluginRegistry } from "../../../src/gateway/plugins/plugin-registry";

function problems(catalog: object): string[] {
  const issues: Issue[] = [];
  checkCatalog(catalog, { edition: "oss", registry: PluginRegistry.withBuiltins() }, "", issues);
  return issues.map((i) => `${i.path}: ${i.message}`);
}

const service = (route: object) => ({ services: [{ name: "orders", url: "https://orders.internal", routes: [route] }] });

describe("catalog", () => {
  it("accepts snis on a route with the default protocols (http, https)", () => {
    assert.deepEqual(problems(service({ paths: ["/orders"], snis: ["api.example.com"] })), []);
  });

  it("refuses snis on a route without a TLS protocol", () => {
    assert.deepEqual(problems(service({ paths: ["/orders"], protocols: ["http"], snis: ["api.example.com"] })), [
      "services[0].routes[0].snis: snis need a TLS protocol in protocols (https, grpcs, tls, tls_passthrough or wss)",
    ]);
  });

  it("refuses a plugin on a route whose protocols it cannot run on (key-auth on a tcp route)", () => {
    assert.deepEqual(problems(service({ protocols: ["tcp"], destinations: [{ port: 5432 }], plugins: [{ name: "key-auth" }] })), [
      'services[0].routes[0].plugins[0].name: plugin "key-auth" runs on grpc, grpcs, http, https, ws, wss; this route takes only tcp',
    ]);
  });

  it("accepts upstream targets as a bare IPv6 address or [IPv6]:port", () => {
    assert.deepEqual(problems({ upstreams: [{ name: "orders.upstream", targets: [{ target: "2001:db8::1" }, { target: "[2001:db8::2]:8443" }] }] }), []);
  });

  it("refuses a target that is not host[:port]", () => {
    assert.deepEqual(problems({ upstreams: [{ name: "orders.upstream", targets: [{ target: "orders:99999" }] }] }), [
      'upstreams[0].targets[0].target: "orders:99999" is not host[:port], [IPv6][:port] or a bare IPv6 address',
    ]);
  });

  it("takes a stream route's sources and destinations", () => {
    assert.deepEqual(problems(service({ protocols: ["tcp"], sources: [{ ip: "10.0.0.0/8" }], destinations: [{ ip: "10.1.2.3", port: 5432 }] })), []);
  });

  it("refuses a stream route that matches nothing (no sources, destinations or snis)", () => {
    assert.match(problems(service({ protocols: ["tcp"] }))[0], /a stream route .* needs at least one of sources, destinations or snis/);
  });

  it("refuses sources on an HTTP route", () => {
    assert.match(problems(service({ paths: ["/x"], sources: [{ ip: "10.0.0.0/8" }] }))[0], /sources: sources match stream routes only/);
  });

  it("refuses an upstream client certificate the catalog does not have", () => {
    assert.match(
      problems({ upstreams: [{ name: "orders.upstream", clientCertificate: "missing" }] })[0],
      /upstreams\[0\]\.clientCertificate: no certificate named "missing"/,
    );
  });

  it("refuses two consumers with one custom ID", () => {
    assert.deepEqual(
      problems({
        consumers: [
          { username: "a", customId: "c-1" },
          { username: "b", customId: "c-1" },
        ],
      }),
      ['consumers[1].customId: "c-1" is already the custom ID of consumers[0]: Kong keeps custom IDs unique'],
    );
  });

  it("refuses one key variable shared by two consumers' key-auth credentials", () => {
    assert.deepEqual(
      problems({
        consumers: [
          { username: "a", keyAuth: [{ key: { variable: "k" } }] },
          { username: "b", keyAuth: [{ key: { variable: "k" } }] },
        ],
      }),
      [
        'consumers[1].keyAuth[0].key: variable "k" is already the secret of consumers[0].keyAuth[0].key: Kong keeps keys unique, give each credential its own variable',
      ],
    );
  });

  it("refuses a service routed to an upstream with no targets", () => {
    assert.deepEqual(
      problems({ upstreams: [{ name: "orders.upstream" }], services: [{ name: "orders", host: "orders.upstream", routes: [{ paths: ["/o"] }] }] }),
      ['services[0]: routes to upstream "orders.upstream", which has no targets: Kong answers every request with 503; give the upstream targets'],
    );
  });

  it("refuses two routes of different services that match the same path and method", () => {
    const catalog = {
      services: [
        { name: "a", url: "http://a.internal", routes: [{ paths: ["/orders"], methods: ["GET", "POST"] }] },
        { name: "b", url: "http://b.internal", routes: [{ paths: ["/orders"], methods: ["POST"] }] },
      ],
    };
    assert.deepEqual(problems(catalog), [
      "services[1].routes[0]: matches the same requests as services[0].routes[0] (path /orders, POST): Kong would send them to one of the two; tell them apart by path, method, host or header",
    ]);
  });

  it("accepts two routes on one path told apart by method or host", () => {
    const catalog = {
      services: [
        {
          name: "a",
          url: "http://a.internal",
          routes: [
            { paths: ["/orders"], methods: ["GET"] },
            { paths: ["/orders"], hosts: ["admin.example.com"] },
          ],
        },
        { name: "b", url: "http://b.internal", routes: [{ paths: ["/orders"], methods: ["POST"] }] },
      ],
    };
    assert.deepEqual(problems(catalog), []);
  });
});
