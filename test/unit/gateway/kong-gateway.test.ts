import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Fn } from "cdktf";
import { GatewayCatalog } from "../../../src/gateway/catalog";
import { KongGateway, MANAGED_TAG } from "../../../src/gateway/kong-gateway";
import { keyAuth } from "../../../src/gateway/plugins/key-auth";
import { configErrorOf, resources, resourceWhere, StackJson, synthStack } from "../../support/synth";

function synthCatalog(catalog: GatewayCatalog) {
  return synthStack((stack) => new KongGateway(stack, "gateway", { catalog }));
}

function errorLines(catalog: GatewayCatalog): string[] {
  return configErrorOf((scope) => new KongGateway(scope, "gateway", { catalog })).message.split("\n");
}

const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("KongGateway", () => {
  describe("seed notes examples", () => {
    it("(a) services service11..13 at http://example11.com:8080.. with routes /example11.. and key-auth on each route", () => {
      const json = synthCatalog({
        services: [11, 12, 13].map((n) => ({
          name: `service${n}`,
          url: `http://example${n}.com:8080`,
          routes: [{ paths: [`/example${n}`], plugins: [keyAuth()] }],
        })),
      });
      assert.deepEqual(
        resources(json, "kong_service").map((s) => [s.name, s.protocol, s.host, s.port]),
        [11, 12, 13].map((n) => [`service${n}`, "http", `example${n}.com`, 8080]),
      );
      assert.deepEqual(
        resources(json, "kong_route").map((r) => r.paths),
        [["/example11"], ["/example12"], ["/example13"]],
      );
      const plugins = resources(json, "kong_plugin");
      assert.deepEqual(
        plugins.map((p) => [p.name, p.route_id]),
        [11, 12, 13].map((n) => ["key-auth", `\${kong_route.gateway_route-service${n}-0_${routeHash(json, n)}.id}`]),
      );
    });

    it("(b) services service6..10 on ports 8086..8090 with paths /service6..", () => {
      const json = synthCatalog({
        services: [6, 7, 8, 9, 10].map((n) => ({ name: `service${n}`, host: "backend.internal", port: 8080 + n, routes: [{ paths: [`/service${n}`] }] })),
      });
      const services = resources(json, "kong_service").sort((a, b) => a.port - b.port);
      assert.deepEqual(
        services.map((s) => [s.name, s.port]),
        [6, 7, 8, 9, 10].map((n) => [`service${n}`, 8080 + n]),
      );
      assert.deepEqual(
        resources(json, "kong_route")
          .map((r) => r.paths[0])
          .sort(),
        ["/service10", "/service6", "/service7", "/service8", "/service9"],
      );
    });
  });

  describe("services", () => {
    it("splits a url into protocol, host, port and path", () => {
      const json = synthCatalog({ services: [{ name: "orders", url: "https://orders.internal/v2/api" }] });
      const service = resourceWhere(json, "kong_service", "name", "orders");
      assert.deepEqual([service.protocol, service.host, service.port, service.path], ["https", "orders.internal", 443, "/v2/api"]);
    });

    it("passes timeouts, retries and upstream TLS settings", () => {
      const json = synthCatalog({
        certificates: [{ name: "client", certificate: PEM_CERT, privateKey: { variable: "client_key" } }],
        services: [
          {
            name: "orders",
            url: "https://orders.internal",
            connectTimeout: 2000,
            readTimeout: 30000,
            writeTimeout: 30000,
            retries: 2,
            tls: { verify: true, verifyDepth: 2, clientCertificate: "client", caCertificateIds: ["3f1c1d9e-0000-4000-8000-000000000001"] },
          },
        ],
      });
      const service = resourceWhere(json, "kong_service", "name", "orders");
      assert.equal(service.connect_timeout, 2000);
      assert.equal(service.retries, 2);
      assert.equal(service.tls_verify, true);
      assert.equal(service.tls_verify_depth, 2);
      assert.match(service.client_certificate_id, /^\$\{kong_certificate\.gateway_certificate-client_[0-9A-F]+\.id\}$/);
      assert.deepEqual(service.ca_certificate_ids, ["3f1c1d9e-0000-4000-8000-000000000001"]);
    });

    it("refuses a url together with host", () => {
      assert.deepEqual(errorLines({ services: [{ name: "a", url: "http://a.internal", host: "b.internal" }] }), [
        "test/gateway: catalog.services[0].host: give either url or protocol/host/port/path, not both",
      ]);
    });

    it("refuses a url with an unsupported scheme", () => {
      assert.deepEqual(errorLines({ services: [{ name: "a", url: "ftp://a.internal" }] }), [
        'test/gateway: catalog.services[0].url: protocol "ftp" is not one of http, https, grpc, grpcs, tcp, tls, tls_passthrough, udp, ws, wss',
      ]);
    });

    it("refuses credentials in a url", () => {
      assert.match(errorLines({ services: [{ name: "a", url: "http://user:pw@a.internal" }] })[0], /must not carry credentials/);
    });

    it("refuses a service with neither url nor host", () => {
      assert.deepEqual(errorLines({ services: [{ name: "a" }] }), ["test/gateway: catalog.services[0]: needs a url (http://host:port/path) or a host"]);
    });

    it("refuses two services with the same name", () => {
      const service = { name: "a", host: "a.internal" };
      assert.deepEqual(errorLines({ services: [service, service] }), [
        'test/gateway: catalog.services[1]: duplicate service name "a" (also at catalog.services[0])',
      ]);
    });

    it("refuses a client certificate that is not in the catalog", () => {
      assert.match(errorLines({ services: [{ name: "a", host: "a.internal", tls: { clientCertificate: "nope" } }] })[0], /no certificate named "nope"/);
    });

    it("tags every entity as managed by the library", () => {
      const json = synthCatalog({ services: [{ name: "a", host: "a.internal", routes: [{ paths: ["/a"] }] }] });
      assert.deepEqual(resources(json, "kong_service")[0].tags, [MANAGED_TAG]);
      assert.deepEqual(resources(json, "kong_route")[0].tags, [MANAGED_TAG]);
    });
  });

  describe("routes", () => {
    it("passes every route field to kong_route", () => {
      const json = synthCatalog({
        services: [
          {
            name: "a",
            host: "a.internal",
            routes: [
              {
                name: "a-public",
                paths: ["/a"],
                hosts: ["api.example.com"],
                methods: ["GET", "POST"],
                protocols: ["https"],
                snis: ["api.example.com"],
                headers: { "x-version": ["2"] },
                stripPath: false,
                preserveHost: true,
              },
            ],
          },
        ],
      });
      const route = resourceWhere(json, "kong_route", "name", "a-public");
      assert.deepEqual(route.methods, ["GET", "POST"]);
      assert.deepEqual(route.protocols, ["https"]);
      assert.deepEqual(route.snis, ["api.example.com"]);
      assert.deepEqual(route.header, [{ name: "x-version", values: ["2"] }]);
      assert.equal(route.strip_path, false);
      assert.equal(route.preserve_host, true);
    });

    it("defaults protocols to http and https, and the name to <service>-<index>", () => {
      const json = synthCatalog({ services: [{ name: "a", host: "a.internal", routes: [{ paths: ["/a"] }] }] });
      const route = resources(json, "kong_route")[0];
      assert.deepEqual([route.name, route.protocols], ["a-0", ["http", "https"]]);
    });

    it("refuses an HTTP route that matches nothing", () => {
      assert.match(
        errorLines({ services: [{ name: "a", host: "a.internal", routes: [{}] }] })[0],
        /catalog\.services\[0\]\.routes\[0\]: an HTTP route needs at least one of paths/,
      );
    });

    it("refuses a path that does not start with /", () => {
      assert.deepEqual(errorLines({ services: [{ name: "a", host: "a.internal", routes: [{ paths: ["a"] }] }] }), [
        `test/gateway: catalog.services[0].routes[0].paths[0]: "a" is not a path starting with '/' (or a regex path starting with '~')`,
      ]);
    });

    it("refuses snis on a route with no TLS protocol", () => {
      assert.match(
        errorLines({ services: [{ name: "a", host: "a.internal", routes: [{ paths: ["/"], protocols: ["http"], snis: ["a.example.com"] }] }] })[0],
        /snis need a TLS protocol/,
      );
    });

    it("refuses a route name used twice across services", () => {
      const route = { name: "same", paths: ["/x"] };
      assert.match(
        errorLines({
          services: [
            { name: "a", host: "a.internal", routes: [route] },
            { name: "b", host: "b.internal", routes: [route] },
          ],
        })[0],
        /route name "same" is already used at catalog\.services\[0\]\.routes\[0\]/,
      );
    });
  });

  describe("plugins", () => {
    it("renders config_json with only the fields given", () => {
      const json = synthCatalog({ plugins: [{ name: "rate-limiting", config: { minute: 100, policy: "local" } }] });
      const plugin = resourceWhere(json, "kong_plugin", "name", "rate-limiting");
      assert.deepEqual(JSON.parse(plugin.config_json), { minute: 100, policy: "local" });
      assert.equal(plugin.service_id, undefined);
    });

    it("attaches service, route and consumer plugins to their entity", () => {
      const json = synthCatalog({
        services: [
          { name: "a", host: "a.internal", plugins: [{ name: "cors" }], routes: [{ paths: ["/a"], plugins: [{ name: "acl", config: { allow: ["g"] } }] }] },
        ],
        consumers: [{ username: "bob", plugins: [{ name: "rate-limiting", config: { second: 5 } }] }],
      });
      assert.match(resourceWhere(json, "kong_plugin", "name", "cors").service_id, /kong_service\.gateway_service-a_/);
      assert.match(resourceWhere(json, "kong_plugin", "name", "acl").route_id, /kong_route\.gateway_route-a-0_/);
      assert.match(resourceWhere(json, "kong_plugin", "name", "rate-limiting").consumer_id, /kong_consumer\.gateway_consumer-bob_/);
    });

    it("refuses an unknown plugin with a suggestion", () => {
      assert.deepEqual(errorLines({ plugins: [{ name: "key_auth" }] }), [
        'test/gateway: catalog.plugins[0].name: unknown plugin "key_auth" (did you mean "key-auth"?); register its schema with PluginRegistry.register to use it',
      ]);
    });

    it("refuses a plugin at a scope Kong does not allow", () => {
      assert.deepEqual(errorLines({ consumers: [{ username: "bob", plugins: [{ name: "key-auth" }] }] }), [
        'test/gateway: catalog.consumers[0].plugins[0].name: plugin "key-auth" cannot be attached at consumer scope (Kong allows: global, service, route)',
      ]);
    });

    it("refuses the same plugin twice on one entity", () => {
      assert.match(errorLines({ plugins: [{ name: "cors" }, { name: "cors" }] })[0], /plugin "cors" is already attached here/);
    });

    it("names the field and the value of a bad plugin config", () => {
      assert.deepEqual(errorLines({ plugins: [{ name: "rate-limiting", config: { minute: "ten" } }] }), [
        'test/gateway: catalog.plugins[0].config.minute: expected a number, got "ten"',
      ]);
    });
  });

  describe("upstreams", () => {
    it("creates the upstream, its targets and health checks", () => {
      const json = synthCatalog({
        upstreams: [
          {
            name: "orders.upstream",
            targets: [{ target: "10.0.1.10:8080" }, { target: "10.0.2.10:8080", weight: 50 }],
            healthchecks: {
              active: { type: "http", httpPath: "/health", healthy: { interval: 5, successes: 2 }, unhealthy: { interval: 5, httpFailures: 3, timeouts: 3 } },
              passive: { unhealthy: { httpFailures: 5 } },
            },
          },
        ],
        services: [{ name: "orders", host: "orders.upstream", port: 80 }],
      });
      const upstream = resources(json, "kong_upstream")[0];
      assert.equal(upstream.healthchecks.active.http_path, "/health");
      assert.equal(upstream.healthchecks.active.healthy.successes, 2);
      assert.equal(upstream.healthchecks.active.unhealthy.http_failures, 3);
      assert.equal(upstream.healthchecks.passive.unhealthy.http_failures, 5);
      assert.deepEqual(
        resources(json, "kong_target").map((t) => [t.target, t.weight]),
        [
          ["10.0.1.10:8080", 100],
          ["10.0.2.10:8080", 50],
        ],
      );
      assert.deepEqual(json.resource.kong_service[Object.keys(json.resource.kong_service)[0]].depends_on, [
        `kong_upstream.${Object.keys(json.resource.kong_upstream)[0]}`,
      ]);
    });

    it("refuses a duplicate target", () => {
      assert.match(errorLines({ upstreams: [{ name: "u.internal", targets: [{ target: "a:1" }, { target: "a:1" }] }] })[0], /duplicate target "a:1"/);
    });
  });

  describe("consumers and credentials", () => {
    it("creates ACL groups and a Kong-generated key", () => {
      const json = synthCatalog({ consumers: [{ username: "bob", acls: ["partners"], keyAuth: [{}] }] });
      assert.deepEqual(
        resources(json, "kong_consumer_acl").map((a) => a.group),
        ["partners"],
      );
      assert.equal(resources(json, "kong_consumer_key_auth")[0].key, undefined);
    });

    it("takes secrets from sensitive variables, never in clear", () => {
      const json = synthCatalog({ consumers: [{ username: "bob", basicAuth: [{ username: "bob", password: { variable: "bob_password" } }] }] });
      assert.equal(resources(json, "kong_consumer_basic_auth")[0].password, "${var.bob_password}");
      assert.deepEqual(json.variable.bob_password, {
        description: "basic-auth password of consumer bob (bob)",
        nullable: false,
        sensitive: true,
        type: "string",
      });
    });

    it("accepts a Terraform reference as a secret", () => {
      const json = synthStack((stack) => {
        const key = Fn.sha256("from-a-secret-store");
        new KongGateway(stack, "gateway", { catalog: { consumers: [{ username: "bob", keyAuth: [{ key }] }] } });
      });
      assert.match(resources(json, "kong_consumer_key_auth")[0].key, /^\$\{sha256\(/);
    });

    it("refuses a literal secret", () => {
      assert.match(
        errorLines({ consumers: [{ username: "bob", keyAuth: [{ key: "s3cret" }] }] })[0],
        /catalog\.consumers\[0\]\.keyAuth\[0\]\.key: expected \{ variable: <name> \}/,
      );
    });

    it("creates JWT credentials with a public key", () => {
      const json = synthCatalog({
        consumers: [{ customId: "svc-1", jwt: [{ key: "issuer-1", rsaPublicKey: "-----BEGIN PUBLIC KEY-----\nMII\n-----END PUBLIC KEY-----" }] }],
      });
      const jwt = resources(json, "kong_consumer_jwt_auth")[0];
      assert.deepEqual([jwt.key, jwt.algorithm], ["issuer-1", "RS256"]);
    });

    it("needs a username or a custom id", () => {
      assert.deepEqual(errorLines({ consumers: [{ acls: ["a"] }] }), ["test/gateway: catalog.consumers[0]: needs a username or a customId"]);
    });
  });

  describe("certificates", () => {
    it("creates kong_certificate with SNIs and the key from a variable", () => {
      const json = synthCatalog({ certificates: [{ name: "edge", certificate: PEM_CERT, privateKey: { variable: "edge_key" }, snis: ["api.example.com"] }] });
      const certificate = resources(json, "kong_certificate")[0];
      assert.deepEqual([certificate.snis, certificate.private_key], [["api.example.com"], "${var.edge_key}"]);
    });

    it("refuses a private key written in clear", () => {
      const catalog = { certificates: [{ name: "edge", certificate: PEM_CERT, privateKey: "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----" }] };
      assert.match(errorLines(catalog)[0], /catalog\.certificates\[0\]\.privateKey: expected a secret: a Kong secret reference .* never written in clear/);
    });

    it("takes Kong secret references for the chain and the key, resolved on Kong's nodes, and passes them as they are", () => {
      const json = synthCatalog({ certificates: [{ name: "edge", certificate: "{vault://env/site-tls-cert}", privateKey: "{vault://env/site-tls-key}" }] });
      const certificate = resources(json, "kong_certificate")[0];
      assert.deepEqual([certificate.certificate, certificate.private_key], ["{vault://env/site-tls-cert}", "{vault://env/site-tls-key}"]);
    });

    it("refuses a certificate that is neither PEM nor a whole Kong reference", () => {
      const catalog = { certificates: [{ name: "edge", certificate: "cert: {vault://env/x}", privateKey: "{vault://env/site-tls-key}" }] };
      assert.match(errorLines(catalog)[0], /catalog\.certificates\[0\]\.certificate: .* is not a PEM certificate chain, or a Kong secret reference/);
    });
  });
});

describe("KongGateway plugins limited to a consumer", () => {
  const catalog: GatewayCatalog = {
    services: [
      {
        name: "orders",
        url: "https://orders.internal",
        routes: [{ name: "orders", paths: ["/orders"], plugins: [{ name: "rate-limiting", config: { second: 5 }, consumer: "batch" }] }],
      },
    ],
    consumers: [{ username: "alice" }, { username: "bulk", customId: "batch" }],
  };

  it("attach to the route and the consumer together (one kong_plugin with both IDs)", () => {
    const [plugin] = resources(synthCatalog(catalog), "kong_plugin");
    assert.match(plugin.route_id, /^\$\{kong_route\.gateway_route-orders_[0-9A-F]+\.id\}$/);
    assert.match(plugin.consumer_id, /^\$\{kong_consumer\.gateway_consumer-bulk_[0-9A-F]+\.id\}$/);
  });

  it("refuse a consumer the catalog does not have", () => {
    const bad = { ...catalog, consumers: [{ username: "alice" }] };
    assert.match(
      errorLines(bad).join("\n"),
      /services\[0\]\.routes\[0\]\.plugins\[0\]\.consumer: no consumer "batch" in consumers \(by username or customId\)/,
    );
  });

  it("refuse a plugin Kong cannot scope to a consumer", () => {
    const bad: GatewayCatalog = {
      ...catalog,
      services: [{ ...catalog.services![0], routes: [{ paths: ["/o"], plugins: [{ name: "key-auth", consumer: "alice" }] }] }],
    };
    assert.match(errorLines(bad).join("\n"), /plugin "key-auth" cannot be limited to a consumer/);
  });

  it("a bare IPv6 target gets Kong's default port, in brackets", () => {
    const json = synthCatalog({ upstreams: [{ name: "orders.upstream", targets: [{ target: "2001:db8::1" }, { target: "[2001:db8::2]:8443" }] }] });
    assert.deepEqual(
      resources(json, "kong_target").map((t) => t.target),
      ["[2001:db8::1]:8000", "[2001:db8::2]:8443"],
    );
  });
});

describe("KongGateway OAuth2 credentials", () => {
  it("creates an application per entry, its secret from a sensitive variable, never in clear", () => {
    const json = synthCatalog({
      consumers: [
        {
          username: "portal",
          oauth2: [
            { name: "portal-web", clientId: "portal-web", clientSecret: { variable: "portal_oauth2_secret" }, redirectUris: ["https://portal.example.com/cb"] },
          ],
        },
      ],
    });
    const [app] = resources(json, "kong_consumer_oauth2");
    assert.deepEqual(
      [app.name, app.client_id, app.client_secret, app.redirect_uris],
      ["portal-web", "portal-web", "${var.portal_oauth2_secret}", ["https://portal.example.com/cb"]],
    );
    assert.equal(json.variable.portal_oauth2_secret.sensitive, true);
  });

  it("refuses a client secret written in clear", () => {
    const lines = errorLines({
      consumers: [{ username: "portal", oauth2: [{ name: "web", clientSecret: "s3cret" as never, redirectUris: ["https://portal.example.com/cb"] }] }],
    });
    assert.match(lines.join("\n"), /consumers\[0\]\.oauth2\[0\]\.clientSecret/);
  });
});

describe("KongGateway stream routes and upstream mTLS", () => {
  it("writes a stream route's sources and destinations as the provider's source and destination blocks", () => {
    const json = synthCatalog({
      services: [
        { name: "pg", url: "tcp://db.internal:5432", routes: [{ protocols: ["tcp"], sources: [{ ip: "10.0.0.0/8" }], destinations: [{ port: 5432 }] }] },
      ],
    });
    const [route] = resources(json, "kong_route");
    assert.deepEqual([route.source, route.destination], [[{ ip: "10.0.0.0/8" }], [{ port: 5432 }]]);
  });

  it("presents a catalog certificate to an upstream's targets", () => {
    const json = synthCatalog({
      certificates: [{ name: "client", certificate: PEM_CERT, privateKey: { variable: "client_key" } }],
      upstreams: [{ name: "orders.upstream", clientCertificate: "client" }],
    });
    const [upstream] = resources(json, "kong_upstream");
    assert.match(upstream.client_certificate_id, /^\$\{kong_certificate\.gateway_certificate-client_[0-9A-F]+\.id\}$/);
  });
});

describe("KongGateway names that collide once joined or escaped", () => {
  it("builds a consumer 'bob' with ACL group 'x' beside a consumer 'bob-acl-x', each its own resource", () => {
    const json = synthCatalog({ consumers: [{ username: "bob", acls: ["x"] }, { username: "bob-acl-x" }] });
    assert.deepEqual(
      resources(json, "kong_consumer")
        .map((c) => c.username)
        .sort(),
      ["bob", "bob-acl-x"],
    );
    assert.equal(resources(json, "kong_consumer_acl").length, 1);
  });

  it("builds usernames 'team/a' and 'team--a' (constructs write '/' as '--')", () => {
    const json = synthCatalog({ consumers: [{ username: "team/a" }, { username: "team--a" }] });
    assert.deepEqual(
      resources(json, "kong_consumer")
        .map((c) => c.username)
        .sort(),
      ["team--a", "team/a"],
    );
  });

  it("builds upstream targets whose joined names collide", () => {
    const json = synthCatalog({
      upstreams: [
        { name: "a", targets: [{ target: "b-c:80" }] },
        { name: "a-b", targets: [{ target: "c:80" }] },
      ],
    });
    assert.equal(resources(json, "kong_target").length, 2);
  });

  it("keeps the readable ID of the entity made first, so no existing estate changes", () => {
    const json = synthCatalog({ consumers: [{ username: "bob", acls: ["x"] }, { username: "bob-acl-x" }] });
    assert.ok(Object.keys(json.resource.kong_consumer).some((id) => /^gateway_consumer-bob_[0-9A-F]+$/.test(id)));
    assert.ok(Object.keys(json.resource.kong_consumer_acl).some((id) => /^gateway_consumer-bob-acl-x_[0-9A-F]+$/.test(id)));
  });
});

describe("KongGateway plugin secrets as variables", () => {
  it("interpolates a { variable } secret of a plugin config from a sensitive Terraform variable, never in clear", () => {
    const json = synthCatalog({
      plugins: [{ name: "rate-limiting", config: { minute: 5, policy: "redis", redis: { host: "redis.internal", password: { variable: "redis_password" } } } }],
    });
    const [plugin] = resources(json, "kong_plugin");
    assert.equal(JSON.parse(plugin.config_json).redis.password, "${var.redis_password}");
    assert.equal(json.variable.redis_password.sensitive, true);
  });
});

function routeHash(json: StackJson, n: number): string {
  const name = Object.keys(json.resource.kong_route).find((k) => k.startsWith(`gateway_route-service${n}-0_`))!;
  return name.split("_").pop()!;
}
