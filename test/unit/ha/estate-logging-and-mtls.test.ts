import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { resources } from "../../support/synth";
import { containers, env } from "../site/fixtures";
import { BASE, synthEstate } from "./estate";

const HEC = { endpoint: "https://splunk.example.com:8088", index: "kong", authorizationSecret: "edge/splunk-hec-authorization" };
const FIREHOSE = { hecEndpoint: "https://http-inputs-firehose-acme.splunkcloud.com", hecTokenSecret: "edge/splunk-firehose-token" };
const FILE_LOG = {
  forwarderImage: "splunk/universalforwarder:9.4",
  forwarderPasswordSecret: "edge/uf",
  index: "kong",
  indexers: ["idx1.example.com:9997"],
  indexerCaSecret: "edge/splunk-indexer-ca",
};

function problems(input: object): string[] {
  return resolveTopology(input).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("estate: logging paths", () => {
  it("gives every site's gateway a global http-log plugin to HEC", () => {
    const { stacks } = synthEstate({ ...BASE, logging: { splunkHec: HEC } });
    for (const site of ["east", "west"]) {
      const plugin = resources(stacks[`${site}-gateway`], "kong_plugin").find((p) => p.name === "http-log")!;
      assert.equal(
        JSON.parse(plugin.config_json).http_endpoint,
        "https://splunk.example.com:8088/services/collector/raw?sourcetype=kong%3Ahttp-log&index=kong",
      );
    }
  });

  it("feeds the HEC Authorization secret to the Kong tasks as SPLUNK_HEC_AUTHORIZATION", () => {
    const { stacks } = synthEstate({ ...BASE, logging: { splunkHec: HEC } });
    const kong = containers(stacks["east-infra"]).find((c) => c.name === "kong")!;
    assert.match(kong.secrets!.find((s) => s.name === "SPLUNK_HEC_AUTHORIZATION")!.valueFrom, /local\.splunk-hec-authorization-arn/);
  });

  it("runs Firehose to Splunk on each site's Kong log group", () => {
    const { stacks } = synthEstate({ ...BASE, logging: { firehose: FIREHOSE } });
    const filter = resources(stacks["east-infra"], "aws_cloudwatch_log_subscription_filter")[0];
    assert.match(filter.log_group_name, /aws_cloudwatch_log_group\./);
    assert.equal(resources(stacks["east-infra"], "aws_kinesis_firehose_delivery_stream")[0].name, "edge-east-kong-logs");
  });

  it("adds the Universal Forwarder sidecars and the file-log plugin", () => {
    const { stacks } = synthEstate({ ...BASE, logging: { fileLog: FILE_LOG } });
    assert.deepEqual(
      containers(stacks["east-infra"])
        .map((c) => c.name)
        .filter((n) => n.startsWith("splunk")),
      ["splunk-uf-config", "splunk-uf"],
    );
    assert.ok(resources(stacks["east-gateway"], "kong_plugin").some((p) => p.name === "file-log"));
  });

  it("sends the forwarder's events to the indexers over TLS, verified against the CA from its secret", () => {
    const { stacks } = synthEstate({ ...BASE, logging: { fileLog: FILE_LOG } });
    const helper = containers(stacks["east-infra"]).find((c) => c.name === "splunk-uf-config")!;
    const outputs = (helper.environment as { name: string; value: string }[]).find((e) => e.name === "OUTPUTS_CONF")!.value;
    assert.match(
      outputs,
      /useSSL = true\nsslVerifyServerCert = true\nsslRootCAPath = \/opt\/splunkforwarder\/etc\/apps\/kong_file_log\/local\/indexer-ca\.pem/,
    );
    assert.match(helper.secrets!.find((s) => s.name === "INDEXER_CA")!.valueFrom, /local\.splunk-indexer-ca-arn/);
  });

  it("refuses a file-log path with neither the indexers' CA nor an explicit plainTcp, at its path", () => {
    const { indexerCaSecret, ...plain } = FILE_LOG;
    assert.ok(indexerCaSecret);
    assert.deepEqual(
      problems({ ...BASE, logging: { fileLog: plain } }).map((p) => p.split(":")[0]),
      ["logging.fileLog.indexerCaSecret"],
    );
    assert.deepEqual(problems({ ...BASE, logging: { fileLog: { ...plain, plainTcp: true } } }), []);
  });

  it("lets a site choose its own paths", () => {
    const { stacks } = synthEstate({
      ...BASE,
      sites: [BASE.sites[0], { ...BASE.sites[1], logging: ["firehose"] }],
      logging: { splunkHec: HEC, firehose: FIREHOSE },
    });
    assert.ok(resources(stacks["east-gateway"], "kong_plugin").some((p) => p.name === "http-log"));
    assert.ok(!resources(stacks["west-gateway"], "kong_plugin").some((p) => p.name === "http-log"));
    assert.equal(resources(stacks["west-infra"], "aws_kinesis_firehose_delivery_stream").length, 1);
  });

  it("refuses a site path the logging section does not configure", () => {
    assert.deepEqual(problems({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], logging: ["file-log"] }], logging: { splunkHec: HEC } }), [
      'sites[1].logging[0]: "file-log" is not configured in the logging section (configured: splunk-hec)',
    ]);
  });

  it("refuses syslog on Fargate with the alternatives", () => {
    assert.match(problems({ ...BASE, logging: { syslog: {} } })[0], /^logging\.syslog: Kong's syslog plugin writes to the node's \/dev\/log/);
  });

  it("checks the HEC settings where the file gives them", () => {
    assert.deepEqual(problems({ ...BASE, logging: { splunkHec: { ...HEC, endpoint: "http://splunk.example.com:8088/services/collector" } } }), [
      "logging.splunkHec.endpoint: must be https: the HEC token travels in a header",
      'logging.splunkHec.endpoint: give the HEC base URL only (got path "/services/collector"): the library sends to /services/collector/raw, the only HEC endpoint that accepts Kong\'s log entries as they are',
    ]);
  });
});

describe("estate: OSS client mTLS", () => {
  const PKI = { issuer: "tls", store: "aws-secrets-manager", clientMtls: "required" };

  it("verifies client certificates at each node against the pki stack's CA chain in the site's region", () => {
    const { stacks } = synthEstate({ ...BASE, pki: PKI });
    const westKong = env(containers(stacks["west-infra"], "edge-west-kong").find((c) => c.name === "kong"));
    assert.equal(westKong.KONG_NGINX_PROXY_SSL_VERIFY_CLIENT, "on");
    const init = containers(stacks["west-infra"], "edge-west-kong").find((c) => c.name === "kong-client-ca")!;
    assert.match(init.secrets![0].valueFrom, /^\$\{local\.pki-ca-arn\}:ca_chain::$/);
    // the `ca` secret by name, with the site's own provider: its replica in us-west-2
    assert.equal(stacks["west-infra"].data.aws_secretsmanager_secrets["pki-ca"].filter[0].values[0], "edge/ca");
  });

  it("needs the Secrets Manager store, which ECS can read", () => {
    assert.deepEqual(problems({ ...BASE, pki: { ...PKI, store: "vault-kv", vault: { address: "https://vault.example.com:8200" } } }), [
      'pki.store: OSS client mTLS verifies at the node against a CA bundle ECS reads from Secrets Manager: set store to "aws-secrets-manager" (ECS cannot read Vault KV)',
    ]);
  });
});
