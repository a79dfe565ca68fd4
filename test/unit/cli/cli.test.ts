import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { EXIT, runCli } from "../../../src/cli/cli";
import { BROKEN_TOPOLOGY, cli, cliProcess, tempFile } from "../../support/cli";
import { runAppCommand } from "../../support/app";
import { ROOT } from "../../support/examples";

const AP = "examples/topologies/active-passive.yaml";
const AA = "examples/topologies/active-active.yaml";

describe("cdktf-kong-ha check", () => {
  it("prints one summary line and exits 0 for a valid file", () => {
    const run = cli(["check", AP]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    // The example keeps local state, so the rule on secrets in local state warns for its gateway stacks.
    assert.deepEqual(
      run.stderr
        .split("\n")
        .filter(Boolean)
        .map((line) => line.replace(/\[(KHA-[A-Z]+-\d+)\].*/, "$1")),
      [
        "examples/topologies/active-passive.yaml warning: east-gateway: KHA-SEC-008",
        "examples/topologies/active-passive.yaml warning: west-gateway: KHA-SEC-008",
      ],
    );
    assert.match(
      run.stdout,
      /^examples\/topologies\/active-passive\.yaml: valid: estate "edge", active-passive, oss, sites east primary, west standby; 9 services, 2 consumers, 3 global plugins; \d+ stacks\n$/,
    );
  });

  it("prints every problem as <file>:<line>:<col> <path>: <message> and exits 1", () => {
    const file = tempFile("edge.yaml", BROKEN_TOPOLOGY);
    const run = cli(["check", file]);
    assert.equal(run.code, EXIT.invalid);
    assert.equal(run.stdout, "");
    assert.deepEqual(run.stderr.trim().split("\n"), [
      `${file}:6:27 sites[1].region: "moon-1" is not an AWS region such as us-east-1`,
      `${file}:8:21 services[0].url: protocol "ftp" is not one of http, https, grpc, grpcs, tcp, tls, tls_passthrough, udp, ws, wss`,
    ]);
  });

  it("locates a plugin config mistake, with the did-you-mean hint", () => {
    const text = readFileSync(join(ROOT, AP), "utf8").replace("key_names: [x-api-key]", "key_name: [x-api-key]");
    const file = tempFile("edge.yaml", text);
    const run = cli(["check", file]);
    assert.equal(run.code, EXIT.invalid);
    assert.match(
      run.stderr,
      new RegExp(
        `^${file}:\\d+:\\d+ services\\[8\\]\\.routes\\[0\\]\\.plugins\\[0\\]\\.config\\.key_name: unknown field \\(did you mean "key_names"\\?\\)$`,
        "m",
      ),
    );
  });

  it("reports a YAML syntax error at its line and column", () => {
    const file = tempFile("syntax.yaml", "name: edge\nsites: [\n  { name: east\n");
    const run = cli(["check", file]);
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stderr, new RegExp(`^${file}:\\d+:\\d+ `));
  });

  it("reports a file it cannot read, without a stack trace", () => {
    const run = cli(["check", "nope.yaml"]);
    assert.equal(run.code, EXIT.invalid);
    assert.equal(run.stderr, "nope.yaml cannot read the file: it does not exist\n");
  });

  it("reports a missing file before a missing tool (diagram --svg without mmdc)", () => {
    const run = cli(["diagram", "missing.yaml", "--svg"], { env: { PATH: "" }, cwd: mkdtempSync(join(tmpdir(), "no-mmdc-")) });
    assert.equal(run.code, EXIT.invalid);
    assert.equal(run.stderr, "missing.yaml cannot read the file: it does not exist\n");
  });

  it("checks several files and fails when any fails", () => {
    const bad = tempFile("edge.yaml", BROKEN_TOPOLOGY);
    const run = cli(["check", AA, bad]);
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stdout, /active-active\.yaml: valid/);
    assert.match(run.stderr, /sites\[1\]\.region/);
  });

  it("runs the topology rules the app runs: two sites in one region stop it", () => {
    const text = readFileSync(join(ROOT, AP), "utf8").replace("region: us-west-2", "region: us-east-1");
    const run = cli(["check", tempFile("edge.yaml", text)]);
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stderr, /KHA-HA-001/);
  });

  it("reads the backend environment as the app does", () => {
    const run = cli(["check", AP], { env: { PATH: process.env.PATH, KONG_HA_BACKEND: "s3" } });
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stderr, /KONG_HA_BACKEND: "s3" is not one of "local", "cloud"/);
  });
});

describe("cdktf-kong-ha diagram", () => {
  it("draws sites with region and role, the failover policy, stacks and their apply order", () => {
    const run = cli(["diagram", AP]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    const text = run.stdout;
    assert.match(text, /^flowchart TB\n/);
    assert.match(text, /subgraph site_east\["east · us-east-1 · primary"\]/);
    assert.match(text, /subgraph site_west\["west · us-west-2 · standby \(warm\)"\]/);
    assert.match(text, /clients -->\|primary\| site_east/);
    assert.match(text, /clients -.->\|"on failover"\| site_west/);
    assert.match(text, /Route 53 failover routing/);
    assert.match(text, /stack_east_gateway\["east-gateway<br\/>\d+ resources"\]/);
    assert.match(text, /stack_east_infra --> stack_east_gateway/);
    assert.match(text, /class site_west standby/);
  });

  it("shows latency routing to every active site", () => {
    const run = cli(["diagram", AA]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    for (const site of ["use1", "euw1", "apse2"]) assert.match(run.stdout, new RegExp(`clients -->\\|nearest\\| site_${site}\\n`));
  });

  it("labels weighted routing with each site's weight", () => {
    const text = readFileSync(join(ROOT, AA), "utf8")
      .replace("{ name: use1, region: us-east-1,", "{ name: use1, region: us-east-1, weight: 200,")
      .replace("routing: latency", "routing: weighted");
    const run = cli(["diagram", tempFile("mesh.yaml", text)]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    assert.match(run.stdout, /clients -->\|"weight 200"\| site_use1/);
    assert.match(run.stdout, /clients -->\|"weight 100"\| site_euw1/);
  });

  it("wraps the text in a mermaid fence with --markdown", () => {
    const run = cli(["diagram", AA, "--markdown"]);
    assert.match(run.stdout, /^```mermaid\nflowchart TB\n[\s\S]*```\n$/);
  });

  it("says clearly that --svg needs mmdc when it is not installed, and exits 3", () => {
    const run = cli(["diagram", AP, "--svg"], { env: { PATH: "" }, cwd: mkdtempSync(join(tmpdir(), "no-mmdc-")) });
    assert.equal(run.code, EXIT.missingTool);
    assert.match(run.stderr, /needs the Mermaid renderer mmdc, which is not installed: `npm i -D @mermaid-js\/mermaid-cli`/);
  });

  it("renders through mmdc when one is on the PATH", () => {
    const bin = mkdtempSync(join(tmpdir(), "fake-mmdc-"));
    const log = join(bin, "args");
    writeFileSync(join(bin, "mmdc"), `#!/bin/sh\necho "$@" > ${log}\nwhile [ "$1" ]; do [ "$1" = -o ] && echo '<svg/>' > "$2"; shift; done\n`);
    chmodSync(join(bin, "mmdc"), 0o755);
    const out = join(bin, "estate.svg");
    const run = cli(["diagram", AP, "--svg", "-o", out], { env: { PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(run.code, EXIT.ok, run.stderr);
    assert.equal(run.stdout, `wrote ${out}\n`);
    assert.equal(readFileSync(out, "utf8"), "<svg/>\n");
    assert.match(readFileSync(log, "utf8"), /^-i \S+estate\.mmd -o \S+estate\.svg/);
  });

  it("reports a broken file as check does", () => {
    const file = tempFile("edge.yaml", BROKEN_TOPOLOGY);
    const run = cli(["diagram", file]);
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stderr, new RegExp(`^${file}:6:27 sites\\[1\\]\\.region`));
  });
});

describe("cdktf-kong-ha plan-summary", () => {
  const outdir = mkdtempSync(join(tmpdir(), "plan-"));
  const synth = (dir: string, hcl: boolean) => runAppCommand({ CDKTF_OUTDIR: dir, KONG_HA_CONFIG: AP, SYNTH_HCL_OUTPUT: String(hcl) });

  it("lists resources per stack and type, stacks in apply order", () => {
    assert.equal(synth(join(outdir, "json"), false).status, 0);
    const run = cli(["plan-summary", join(outdir, "json")]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    const stacks = [...run.stdout.matchAll(/^(\S+?)(?: \(after [^)]*\))?: \d+ resources?$/gm)].map((m) => m[1]);
    assert.ok(stacks.indexOf("east-infra") < stacks.indexOf("east-gateway"), stacks.join(" "));
    assert.match(run.stdout, /^east-gateway \(after east-infra\): \d+ resources$/m);
    assert.match(run.stdout, /^ {2}kong_route +9$/m);
    assert.match(run.stdout, /set before apply: TF_VAR_ops_dashboard_password, TF_VAR_partner_portal_api_key/);
  });

  it("gives the same counts as JSON with --json, and for `cdktf synth --hcl` output", () => {
    assert.equal(synth(join(outdir, "hcl"), true).status, 0);
    const json = JSON.parse(cli(["plan-summary", join(outdir, "json"), "--json"]).stdout) as { stacks: { name: string; resources: object }[] };
    const hcl = JSON.parse(cli(["plan-summary", join(outdir, "hcl"), "--json"]).stdout) as typeof json;
    assert.ok(existsSync(join(outdir, "hcl", "stacks", "east-gateway", "cdk.tf")));
    assert.deepEqual(
      hcl.stacks.map((s) => [s.name, s.resources]),
      json.stacks.map((s) => [s.name, s.resources]),
    );
  });

  it("says what to do when the directory is not a cdktf output", () => {
    const run = cli(["plan-summary", tmpdir()]);
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stderr, /has no manifest\.json: it is not a cdktf output directory \(run `npx cdktf synth` first/);
  });
});

describe("cdktf-kong-ha import-deck", () => {
  it("prints the catalog sections as YAML and names the variables to set on stderr", () => {
    const run = cli(["import-deck", "examples/deck/kong.yaml"]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    const fragment = parse(run.stdout) as { services: { name: string }[] };
    assert.deepEqual(
      fragment.services.map((s) => s.name),
      ["orders", "catalog"],
    );
    assert.match(
      run.stderr,
      /3 secrets in examples\/deck\/kong\.yaml became sensitive Terraform variables \(not copied\): set TF_VAR_certificate_api_example_com_private_key/,
    );
    assert.match(run.stderr, /^warning: examples\/deck\/kong\.yaml:8:3 _info\.select_tags: /m);
    assert.ok(!run.stdout.includes("placeholder-not-a-real-key"));
  });

  it("writes to a file with -o", () => {
    const out = join(mkdtempSync(join(tmpdir(), "deck-")), "catalog.yaml");
    const run = cli(["import-deck", "examples/deck/kong.yaml", "-o", out]);
    assert.equal(run.code, EXIT.ok, run.stderr);
    assert.equal(run.stdout, "");
    assert.match(readFileSync(out, "utf8"), /^# Imported from examples\/deck\/kong\.yaml/);
  });

  it("exits 1 with located errors on what the library does not support", () => {
    const file = tempFile("kong.yaml", '_format_version: "3.0"\nvaults:\n- { name: env, prefix: my-env }\n');
    const run = cli(["import-deck", file]);
    assert.equal(run.code, EXIT.invalid);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, new RegExp(`^${file}:3:1 vaults: the kong provider \\(kevholditch/kong 6\\.5\\.1\\) cannot create Kong vaults`));
  });

  it("checks plugins against the edition given", () => {
    const file = tempFile("kong.yaml", "plugins:\n- name: mtls-auth\n  config: { ca_certificates: [2b7e4a9c-8f3d-4c1e-9a6b-5d0f2e8c7a13] }\n");
    assert.equal(cli(["import-deck", file]).code, EXIT.invalid);
    assert.equal(cli(["import-deck", file, "--edition", "enterprise"]).code, EXIT.ok);
    assert.equal(cli(["import-deck", file, "--edition=gold"]).code, EXIT.usage);
  });
});

describe("cdktf-kong-ha usage", () => {
  it("prints the usage on stderr and exits 2 without a command", () => {
    const run = cli([]);
    assert.equal(run.code, EXIT.usage);
    assert.match(run.stderr, /^Usage: cdktf-kong-ha <command>/);
    assert.match(run.stderr, /Exit codes: 0 done, 1 the input has problems, 2 wrong command line, 3 a needed tool is not installed/);
  });

  it("prints help on stdout with --help, and per command", () => {
    assert.equal(cli(["--help"]).code, EXIT.ok);
    assert.match(cli(["help", "import-deck"]).stdout, /^Usage: cdktf-kong-ha import-deck <kong\.yaml>/);
    assert.match(cli(["diagram", "--help"]).stdout, /^Usage: cdktf-kong-ha diagram/);
  });

  it("refuses an unknown command or option with exit 2 and the usage", () => {
    const unknown = cli(["chek", AP]);
    assert.equal(unknown.code, EXIT.usage);
    assert.match(unknown.stderr, /unknown command "chek"/);
    const option = cli(["check", AP, "--fast"]);
    assert.equal(option.code, EXIT.usage);
    assert.match(option.stderr, /^cdktf-kong-ha check: unknown option --fast\n\nUsage: cdktf-kong-ha check/);
  });

  it("prints the package version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(cli(["--version"]).stdout, `${pkg.version}\n`);
  });

  it("prints the topology JSON Schema", () => {
    assert.equal(cli(["schema"]).stdout, readFileSync(join(ROOT, "schema", "topology.schema.json"), "utf8"));
  });

  it("turns an unexpected failure into one line and exit 4; the stack trace only on demand", () => {
    const failing = (env: NodeJS.ProcessEnv) => {
      let stderr = "";
      const code = runCli(["schema"], {
        stdout: () => {
          throw new Error("disk full");
        },
        stderr: (t) => (stderr += t),
        env,
        cwd: ROOT,
      });
      return { code, stderr };
    };
    const quiet = failing({});
    assert.equal(quiet.code, EXIT.internal);
    assert.equal(quiet.stderr, "cdktf-kong-ha schema: internal error: disk full (CDKTF_KONG_HA_DEBUG=1 shows the stack trace)\n");
    assert.match(failing({ CDKTF_KONG_HA_DEBUG: "1" }).stderr, /\n\s+at /);
  });
});

describe("the cdktf-kong-ha bin", () => {
  it("runs from the repository through tsx: located errors, exit 1, no stack trace", () => {
    const file = tempFile("edge.yaml", BROKEN_TOPOLOGY);
    const run = cliProcess(["check", file]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim().split("\n").length, 2);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it("is what `npx cdktf-kong-ha` runs in the repository", () => {
    const run = spawnSync("npx", ["--no-install", "cdktf-kong-ha", "--version"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
