import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { selectBackend } from "../../../src/app/backend";
import { Topology } from "../../../src/ha/resolved-topology";
import { topologySchema } from "../../../src/topology/topology-schema";

const MINIMAL = {
  name: "edge",
  mode: "active-passive",
  edition: "oss",
  domain: "api.example.com",
  sites: [
    { name: "east", region: "us-east-1", role: "primary" },
    { name: "west", region: "us-west-2", role: "standby" },
  ],
  services: [{ name: "service11", url: "http://example11.com:8080", routes: [{ paths: ["/example11"] }], plugins: [{ name: "key-auth" }] }],
};

function problems(input: unknown): string[] {
  return resolveTopology(input).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("topology", () => {
  it("accepts the minimum file shape of the foundation issue", () => {
    assert.deepEqual(problems(MINIMAL), []);
  });

  it("takes the Kong version the estate runs, 3.9 by default", () => {
    assert.equal(resolveTopology({ ...MINIMAL, kongVersion: "3.9" }).topology?.kongVersion, "3.9");
    assert.equal(resolveTopology(MINIMAL).topology?.kongVersion, undefined);
  });

  it("refuses a Kong version the library has no published schemas for, naming the ones it has", () => {
    assert.deepEqual(problems({ ...MINIMAL, kongVersion: "3.10" }), ['kongVersion: "3.10" is not one of "3.9" (did you mean "3.9"?)']);
  });

  it("accepts the embedded default", () => {
    assert.deepEqual(problems(DEFAULT_TOPOLOGY), []);
  });

  it("leaves a site's Admin API to its infra stack unless the file sets adminUrl", () => {
    const input = { ...MINIMAL, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], adminUrl: "https://kong-admin.west.example.net:8444" }] };
    const { topology } = resolveTopology(input);
    assert.deepEqual(
      topology?.sites.map((s) => s.adminUrl),
      [undefined, "https://kong-admin.west.example.net:8444"],
    );
  });

  it("checks plugin configs when another section is wrong, so one pass reports both", () => {
    const input = {
      ...MINIMAL,
      sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], region: "us-west-9x" }],
      services: [{ ...MINIMAL.services[0], plugins: [{ name: "rate-limiting", config: { minute: "ten" } }] }],
    };
    const found = problems(input);
    assert.ok(found.includes('sites[1].region: "us-west-9x" is not an AWS region (did you mean "us-west-1"?)'), found.join("\n"));
    assert.ok(
      found.some((p) => p.startsWith("services[0].plugins[0].config.minute: ")),
      found.join("\n"),
    );
  });

  it("checks the catalog's content only once its shape is right", () => {
    const input = { ...MINIMAL, services: [{ ...MINIMAL.services[0], url: 8080 }] };
    assert.deepEqual(problems(input), ["services[0].url: expected a string, got 8080"]);
  });

  it("names the site whose region is not an AWS region", () => {
    const input = { ...MINIMAL, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], region: "us-west-9x" }] };
    assert.deepEqual(problems(input), ['sites[1].region: "us-west-9x" is not an AWS region (did you mean "us-west-1"?)']);
  });

  it("needs at least two sites", () => {
    assert.deepEqual(problems({ ...MINIMAL, sites: [MINIMAL.sites[0]] }), ["sites: needs at least 2 items, got 1"]);
  });

  it("needs exactly one primary in active-passive", () => {
    const input = { ...MINIMAL, sites: MINIMAL.sites.map((site) => ({ ...site, role: "standby" })) };
    assert.deepEqual(problems(input), ['sites: active-passive needs exactly one site with role "primary" (got 0)']);
  });

  it("refuses standby sites in active-active", () => {
    const input = { ...MINIMAL, mode: "active-active" };
    assert.deepEqual(problems(input), [
      'sites[0].role: "primary" is for active-passive: in active-active mode every site is "active" (or leave role out)',
      'sites[1].role: "standby" is for active-passive: in active-active mode every site is "active" (or leave role out)',
    ]);
  });

  it("lets active-active sites leave their role out", () => {
    const input = { ...MINIMAL, mode: "active-active", sites: MINIMAL.sites.map(({ name, region }) => ({ name, region })) };
    assert.equal(resolveTopology(input).topology?.sites[1].role, "active");
  });

  it("refuses two sites with the same name", () => {
    const input = { ...MINIMAL, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], name: "east" }] };
    assert.deepEqual(problems(input), ['sites[1]: duplicate site name "east" (also at sites[0])']);
  });

  it("checks plugins in the file against their Kong schema", () => {
    const input = { ...MINIMAL, services: [{ ...MINIMAL.services[0], plugins: [{ name: "key-auth", config: { key_name: ["x"] } }] }] };
    assert.deepEqual(problems(input), ['services[0].plugins[0].config.key_name: unknown field (did you mean "key_names"?)']);
  });

  it("refuses an unknown mode with the choices", () => {
    assert.deepEqual(problems({ ...MINIMAL, mode: "active-pasive" }), [
      'mode: "active-pasive" is not one of "active-passive", "active-active" (did you mean "active-passive"?)',
    ]);
  });

  it("publishes a JSON Schema that requires the top-level fields", () => {
    const schema = topologySchema.toJsonSchema() as { required: string[] };
    assert.deepEqual(schema.required, ["name", "mode", "domain", "sites"]);
  });
});

function withSites(...changes: object[]) {
  return { ...MINIMAL, sites: MINIMAL.sites.map((site, i) => ({ ...site, ...(changes[i] ?? {}) })) };
}

function resolved(input: unknown): Topology {
  const { topology, issues } = resolveTopology(input);
  assert.deepEqual(issues, []);
  return topology!;
}

describe("topology: HA settings", () => {
  it("gives a serving site 2 tasks of 1 vCPU / 2 GiB scaling to 6, and pins Kong 3.9.1 on oss", () => {
    assert.deepEqual(resolved(MINIMAL).sites[0].kong, {
      image: "kong",
      version: "3.9.1",
      cpu: 1024,
      memory: 2048,
      desiredCount: 2,
      minCount: 2,
      maxCount: 6,
      adminCredentialSecret: "edge/kong-admin",
    });
  });

  it("makes a standby hot by default, with the primary's effective size", () => {
    const site = resolved({ ...withSites({ kong: { cpu: 2048, memory: 4096, desiredCount: 4 } }) }).sites[1];
    assert.equal(site.standby, "hot");
    assert.deepEqual([site.kong.cpu, site.kong.memory, site.kong.desiredCount, site.kong.maxCount], [2048, 4096, 4, 12]);
  });

  it("runs 1 task on a warm standby and none on a pilot-light one, both scaling to the primary's ceiling", () => {
    const warm = resolved(withSites({}, { standby: "warm" })).sites[1].kong;
    const pilot = resolved(withSites({}, { standby: "pilot-light" })).sites[1].kong;
    assert.deepEqual([warm.desiredCount, warm.minCount, warm.maxCount, pilot.desiredCount, pilot.minCount, pilot.maxCount], [1, 1, 6, 0, 0, 6]);
  });

  it("lets a site's kong settings win over the topology's", () => {
    const input = { ...withSites({ kong: { memory: 3072 } }), kong: { cpu: 1024, memory: 2048, version: "3.9.0" } };
    assert.deepEqual([resolved(input).sites[0].kong.memory, resolved(input).sites[0].kong.version], [3072, "3.9.0"]);
  });

  it("refuses a task size Fargate does not offer, once merged, at the site", () => {
    const input = { ...withSites({ kong: { cpu: 4096 } }), kong: { memory: 2048 } };
    assert.deepEqual(problems(input), [
      "sites[0].kong: 2048 MiB is not a Fargate memory size for 4096 CPU units: use 8192 to 30720 MiB in steps of 1024 (with the topology's kong settings applied)",
    ]);
  });

  it("refuses a task size Fargate does not offer, given in one kong section, with the sizes it would take", () => {
    assert.deepEqual(problems({ ...MINIMAL, kong: { cpu: 512, memory: 8192 } }), [
      "kong.memory: 8192 MiB is not a Fargate memory size for 512 CPU units: use 1024 to 4096 MiB in steps of 1024",
    ]);
  });

  it("gives each new VPC its own 10.<n>.0.0/16 over 2 AZs with a NAT gateway per AZ", () => {
    assert.deepEqual(
      resolved(MINIMAL).sites.map((s) => s.network),
      [0, 1].map((n) => ({ kind: "new", cidr: `10.${n}.0.0/16`, availabilityZones: 2, natGateways: "one-per-az" })),
    );
  });

  it("adopts an existing VPC given vpcId and both subnet lists", () => {
    const network = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1"], publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"] };
    assert.equal(resolved(withSites({ network })).sites[0].network.kind, "existing");
  });

  it("refuses an existing VPC without its subnets", () => {
    assert.deepEqual(problems(withSites({ network: { vpcId: "vpc-0123456789abcdef0" } })), [
      "sites[0].network.privateSubnetIds: is required for an existing VPC (give vpcId, privateSubnetIds and publicSubnetIds)",
      "sites[0].network.publicSubnetIds: is required for an existing VPC (give vpcId, privateSubnetIds and publicSubnetIds)",
    ]);
  });

  it("refuses a VPC CIDR too small for a subnet pair per AZ", () => {
    assert.deepEqual(problems(withSites({ network: { cidr: "10.0.0.0/24" } })), [
      "sites[0].network.cidr: 10.0.0.0/24 is out of range: a site VPC needs an IPv4 /16 to /22 (a public and a private subnet per AZ)",
    ]);
  });

  it("refuses site VPC CIDRs that overlap, naming the earlier site", () => {
    const input = { ...MINIMAL, sites: [{ ...MINIMAL.sites[0], network: { cidr: "10.1.0.0/16" } }, MINIMAL.sites[1]] };
    assert.deepEqual(problems(input), [
      "sites[1]: the default VPC CIDR 10.1.0.0/16 overlaps east's 10.1.0.0/16: give each site its own range (network.cidr) so the sites can be peered",
    ]);
  });

  it("accepts site CIDRs that do not overlap", () => {
    const input = {
      ...MINIMAL,
      sites: [
        { ...MINIMAL.sites[0], network: { cidr: "10.20.0.0/16" } },
        { ...MINIMAL.sites[1], network: { cidr: "10.21.0.0/16" } },
      ],
    };
    assert.deepEqual(problems(input), []);
  });

  it("refuses a plain-http Admin API: its token would travel in clear", () => {
    const input = { ...MINIMAL, sites: [{ ...MINIMAL.sites[0], adminUrl: "http://kong-admin.internal:8001" }, MINIMAL.sites[1]] };
    assert.deepEqual(problems(input), ["sites[0].adminUrl: http://kong-admin.internal:8001 is plain http: tokens would travel in clear; use https://"]);
  });

  it("refuses a plain-http Vault address, naming the lab opt-out when it is on loopback", () => {
    const input = { ...MINIMAL, pki: { issuer: "vault", vault: { address: "http://127.0.0.1:8200" } } };
    assert.deepEqual(problems(input), [
      "pki.vault.address: http://127.0.0.1:8200 is plain http: tokens and issued keys would travel in clear; use https:// (a lab on this machine may set insecureLoopbackHttp: true)",
    ]);
  });

  it("accepts plain http on loopback when the topology opts in (insecureLoopbackHttp)", () => {
    const input = { ...MINIMAL, insecureLoopbackHttp: true, pki: { issuer: "vault", vault: { address: "http://127.0.0.1:8200" } } };
    assert.deepEqual(problems(input), []);
  });

  it("keeps refusing plain http off loopback, opt-in or not", () => {
    const input = { ...MINIMAL, insecureLoopbackHttp: true, pki: { issuer: "vault", vault: { address: "http://vault.internal:8200" } } };
    assert.equal(problems(input).length, 1);
  });

  it("refuses an Admin API open to the internet", () => {
    assert.deepEqual(problems(withSites({ adminCidrs: ["10.8.0.0/16", "0.0.0.0/0"] })), [
      "sites[0].adminCidrs: 10.8.0.0/16, 0.0.0.0/0 together cover every IPv4 address (the whole internet): they would open Kong's Admin API (full control of the gateway) that wide; list the CIDRs that run Terraform",
    ]);
  });

  it("refuses Admin API CIDRs that cover the internet only together (0.0.0.0/1 and 128.0.0.0/1)", () => {
    assert.match(problems(withSites({ adminCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }))[0], /together cover every IPv4 address/);
  });

  it("refuses Admin API CIDRs that cover a /8 or more", () => {
    assert.match(problems(withSites({ adminCidrs: ["10.0.0.0/9", "10.128.0.0/9"] }))[0], /together cover 16777216 IPv4 addresses, a \/8 or wider/);
  });

  it("refuses 0.0.0.0/00, which only looks different from /0", () => {
    assert.equal(problems(withSites({ adminCidrs: ["0.0.0.0/00"] })).length, 1);
  });

  it("refuses an IPv6 CIDR where the Admin API takes IPv4", () => {
    assert.deepEqual(problems(withSites({ adminCidrs: ["2001:db8::/48"] })), [
      "sites[0].adminCidrs[0]: 2001:db8::/48 is IPv6: the Admin API load balancer's rules take IPv4 CIDRs",
    ]);
  });

  it("refuses a standby level on a primary", () => {
    assert.deepEqual(problems(withSites({ standby: "warm" })), ['sites[0].standby: only a site with role "standby" has a standby level']);
  });

  it("refuses tasks on a pilot-light standby", () => {
    assert.deepEqual(problems(withSites({}, { standby: "pilot-light", kong: { desiredCount: 1 } })), [
      'sites[1].kong.desiredCount: a pilot-light standby runs no tasks: use standby "warm" to keep 1 running',
    ]);
  });

  it("refuses a second standby in active-passive", () => {
    const input = { ...MINIMAL, sites: [...MINIMAL.sites, { name: "eu", region: "eu-west-1", role: "standby" }] };
    assert.deepEqual(problems(input), [
      "sites: active-passive takes one standby (Route 53 failover has one PRIMARY and one SECONDARY record), got 2: use active-active for more serving sites",
    ]);
  });

  it("routes active-passive by failover and active-active by latency unless weighted", () => {
    const aa = { ...MINIMAL, mode: "active-active", sites: MINIMAL.sites.map(({ name, region }) => ({ name, region })) };
    assert.deepEqual(
      [resolved(MINIMAL).failover.routing, resolved(aa).failover.routing, resolved({ ...aa, failover: { routing: "weighted" } }).failover.routing],
      ["failover", "latency", "weighted"],
    );
  });

  it("refuses a routing choice in active-passive and weights without weighted routing", () => {
    assert.deepEqual(problems({ ...withSites({ weight: 10 }), failover: { routing: "latency" } }), [
      "failover.routing: applies to active-active only: active-passive always uses failover records",
      'sites[0].weight: applies only with failover.routing "weighted"',
    ]);
  });

  it("defaults the failover target to 120 s and the zone to the domain", () => {
    const topology = resolved(MINIMAL);
    assert.deepEqual([topology.failover.targetSeconds, topology.dns], [120, { hostedZoneId: undefined, zoneName: "api.example.com" }]);
  });

  it("refuses a zone that does not contain the domain", () => {
    assert.deepEqual(problems({ ...MINIMAL, dns: { zoneName: "example.org" } }), [
      "dns.zoneName: api.example.com is not in zone example.org: give the domain or a parent of it",
    ]);
  });

  it("refuses a failover target under 30 s", () => {
    assert.deepEqual(problems({ ...MINIMAL, failover: { targetSeconds: 5 } }), ["failover.targetSeconds: 5 is out of range: must be between 30 and 3600"]);
  });

  it("refuses a quorum placed on a site that does not exist", () => {
    assert.deepEqual(problems({ ...MINIMAL, quorum: [{ name: "vault-raft", sites: ["east", "north"] }] }), [
      'quorum[0].sites[1]: no site is named "north" (sites: east, west)',
    ]);
  });

  it("refuses a rule suppression without a real reason", () => {
    assert.deepEqual(problems({ ...MINIMAL, rules: { suppress: [{ id: "KHA-HA-001", reason: "ok" }] } }), [
      "rules.suppress[0].reason: must be at least 20 characters long",
    ]);
  });
});

describe("selectBackend", () => {
  const topology = resolved(MINIMAL);
  const cloudTopology = resolved({ ...MINIMAL, terraformCloud: { organization: "acme", project: "edge" } });

  it("keeps local state by default", () => {
    assert.deepEqual(selectBackend(topology, {}), { issues: [] });
  });

  it("does not move state because TF_CLOUD_ORGANIZATION is set", () => {
    assert.equal(selectBackend(topology, { TF_CLOUD_ORGANIZATION: "acme" }).backend, undefined);
  });

  it("uses Terraform Cloud when the topology says so, prefixing workspaces with the estate name", () => {
    assert.deepEqual(selectBackend(cloudTopology, {}).backend, { organization: "acme", workspacePrefix: "edge", project: "edge", hostname: undefined });
  });

  it("takes what the file leaves out from the environment with KONG_HA_BACKEND=cloud", () => {
    const env = { KONG_HA_BACKEND: "cloud", TF_CLOUD_ORGANIZATION: "acme", KONG_HA_WORKSPACE_PREFIX: "prod-edge", TF_CLOUD_HOSTNAME: "tfe.example.com" };
    assert.deepEqual(selectBackend(topology, env).backend, {
      organization: "acme",
      workspacePrefix: "prod-edge",
      project: undefined,
      hostname: "tfe.example.com",
    });
  });

  it("forces local state with KONG_HA_BACKEND=local", () => {
    assert.equal(selectBackend(cloudTopology, { KONG_HA_BACKEND: "local" }).backend, undefined);
  });

  it("needs an organization for Terraform Cloud", () => {
    assert.deepEqual(selectBackend(topology, { KONG_HA_BACKEND: "cloud" }).issues, [
      { path: "terraformCloud.organization", message: "is required for Terraform Cloud state: set it in the topology or TF_CLOUD_ORGANIZATION" },
    ]);
  });

  it("refuses an unknown KONG_HA_BACKEND", () => {
    assert.deepEqual(selectBackend(topology, { KONG_HA_BACKEND: "s3" }).issues, [{ path: "KONG_HA_BACKEND", message: '"s3" is not one of "local", "cloud"' }]);
  });
});

describe("topology: Kong Enterprise licence", () => {
  const ENTERPRISE = { ...MINIMAL, edition: "enterprise" };
  const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:kong/license-AbCdEf";

  it("refuses an enterprise estate without a licence, at each site", () => {
    const found = problems(ENTERPRISE);
    assert.deepEqual(
      found.map((p) => p.split(":")[0]),
      ["sites[0].kong.licenseSecretArn", "sites[1].kong.licenseSecretArn"],
    );
    assert.match(found[0], /free mode and refuses the Enterprise plugins/);
  });

  it("gives every site the topology's licence secret, and a site its own replica", () => {
    const WEST = "arn:aws:secretsmanager:us-west-2:123456789012:secret:kong/license-AbCdEf";
    const input = { ...ENTERPRISE, kong: { licenseSecretArn: ARN }, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], kong: { licenseSecretArn: WEST } }] };
    assert.deepEqual(
      resolveTopology(input).topology!.sites.map((s) => s.kong.licenseSecretArn),
      [ARN, WEST],
    );
  });

  it("does not hand a standby the primary's regional licence secret: the standby names its own", () => {
    const input = { ...ENTERPRISE, sites: [{ ...MINIMAL.sites[0], kong: { licenseSecretArn: ARN } }, MINIMAL.sites[1]] };
    assert.deepEqual(
      problems(input).map((p) => p.split(":")[0]),
      ["sites[1].kong.licenseSecretArn"],
    );
  });

  it("refuses a licence on OSS", () => {
    assert.deepEqual(problems({ ...MINIMAL, kong: { licenseSecretArn: ARN } }), [
      'kong.licenseSecretArn: is only for edition "enterprise": Kong OSS needs no licence',
    ]);
  });

  it("refuses a value that is not a Secrets Manager ARN, at its path", () => {
    const found = problems({ ...ENTERPRISE, kong: { licenseSecretArn: "kong/license" } });
    assert.equal(found.length, 1);
    assert.match(found[0], /^kong\.licenseSecretArn: .*a Secrets Manager secret ARN/);
  });
});

describe("topology: the Admin API credential secret", () => {
  it("defaults to <estate>/kong-admin at every site, standby included", () => {
    assert.deepEqual(
      resolveTopology(MINIMAL).topology!.sites.map((s) => s.kong.adminCredentialSecret),
      [`${MINIMAL.name}/kong-admin`, `${MINIMAL.name}/kong-admin`],
    );
  });

  it("takes the topology's name, and a site's own (a name or an ARN in its region)", () => {
    const WEST = "arn:aws:secretsmanager:us-west-2:123456789012:secret:edge/admin-AbCdEf";
    const input = {
      ...MINIMAL,
      kong: { adminCredentialSecret: "platform/kong-admin" },
      sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], kong: { adminCredentialSecret: WEST } }],
    };
    assert.deepEqual(
      resolveTopology(input).topology!.sites.map((s) => s.kong.adminCredentialSecret),
      ["platform/kong-admin", WEST],
    );
  });

  it("refuses a value that is neither a secret name nor a Secrets Manager ARN, at its path", () => {
    const found = problems({ ...MINIMAL, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], kong: { adminCredentialSecret: "kong admin!" } }] });
    assert.equal(found.length, 1);
    assert.match(found[0], /^sites\[1\]\.kong\.adminCredentialSecret: .*a Secrets Manager secret name such as edge\/kong-admin, or its ARN/);
  });
});
