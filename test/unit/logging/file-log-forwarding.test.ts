import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  FILE_LOG_PATH,
  FileLogForwarding,
  fileLogForwardingPlugin,
  IKongTaskExtensible,
  universalForwarderConf,
  universalForwarderProblems,
} from "../../../src/logging/file-log-forwarding";
import { KongMountPoint, KongSidecar } from "../../../src/site/kong-task-extensions";
import { configErrorOf, synthStack } from "../../support/synth";

const UF = { index: "kong", indexers: ["idx1.example.com:9997", "idx2.example.com:9997"] };

class RecordingTasks implements IKongTaskExtensible {
  readonly sidecars: KongSidecar[] = [];
  readonly volumes: string[] = [];
  readonly mounts: KongMountPoint[] = [];
  addSidecar(sidecar: KongSidecar): void {
    this.sidecars.push(sidecar);
  }
  addVolume(name: string): void {
    this.volumes.push(name);
  }
  addMountPoint(mountPoint: KongMountPoint): void {
    this.mounts.push(mountPoint);
  }
}

function forward(tasks = new RecordingTasks(), props: Partial<ConstructorParameters<typeof FileLogForwarding>[2]> = {}): RecordingTasks {
  synthStack(
    (stack) =>
      new FileLogForwarding(stack, "uf", {
        ...UF,
        tasks,
        forwarderImage: "splunk/universalforwarder:9.4",
        forwarderPassword: { valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:uf-AbCdEf" },
        ...props,
      }),
  );
  return tasks;
}

describe("FileLogForwarding", () => {
  it("has Kong write JSON lines to the shared volume and reopen the file after rotation", () => {
    assert.deepEqual(fileLogForwardingPlugin(), { name: "file-log", config: { path: FILE_LOG_PATH, reopen: true } });
  });

  it("monitors the live and the rotated file with the index and sourcetype", () => {
    assert.equal(
      universalForwarderConf(UF).inputs,
      "[monitor:///var/log/kong-splunk/kong.json*]\nindex = kong\nsourcetype = kong:file-log\ndisabled = false\n",
    );
  });

  it("parses entries as JSON timed by Kong's started_at", () => {
    assert.equal(
      universalForwarderConf(UF).props,
      "[kong:file-log]\nINDEXED_EXTRACTIONS = json\nTIMESTAMP_FIELDS = started_at\nTIME_FORMAT = %s%3N\nKV_MODE = none\nSHOULD_LINEMERGE = false\n",
    );
  });

  it("load-balances over the indexers with acknowledgement", () => {
    assert.equal(
      universalForwarderConf(UF).outputs,
      "[tcpout]\ndefaultGroup = kong_indexers\n\n[tcpout:kong_indexers]\nserver = idx1.example.com:9997, idx2.example.com:9997\nuseACK = true\nautoLBFrequency = 30\n",
    );
  });

  it("sends over verified TLS when given a CA", () => {
    assert.match(
      universalForwarderConf({ ...UF, sslRootCaPath: "/opt/ca.pem" }).outputs,
      /useSSL = true\nsslVerifyServerCert = true\nsslRootCAPath = \/opt\/ca\.pem/,
    );
  });

  it("adds the config/rotation helper and the forwarder to the tasks, sharing the log volume", () => {
    const tasks = forward();
    assert.deepEqual(
      tasks.sidecars.map((s) => s.name),
      ["splunk-uf-config", "splunk-uf"],
    );
    assert.deepEqual(tasks.volumes, ["kong-file-log", "splunk-uf-app"]);
    assert.deepEqual(tasks.mounts, [{ sourceVolume: "kong-file-log", containerPath: "/var/log/kong-splunk" }]);
    assert.equal(tasks.sidecars[0].startBeforeKong, "HEALTHY");
  });

  it("gives the forwarder its password from a secret, never in clear", () => {
    const forwarder = forward().sidecars[1];
    assert.deepEqual(forwarder.secrets, [{ name: "SPLUNK_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:uf-AbCdEf" }]);
    assert.equal(JSON.stringify(forwarder.environment).includes("PASSWORD"), false);
  });

  it("refuses an index name Splunk does not allow", () => {
    assert.match(universalForwarderProblems({ ...UF, index: "_Kong" })[0].message, /is not a Splunk index name/);
  });

  it("refuses an indexer without a port", () => {
    const error = configErrorOf(
      (scope) =>
        new FileLogForwarding(scope, "uf", {
          ...UF,
          indexers: ["idx1.example.com"],
          tasks: new RecordingTasks(),
          forwarderImage: "x",
          forwarderPassword: { valueFrom: "arn" },
        }),
    );
    assert.match(error.message, /indexers\[0\]: "idx1\.example\.com" is not host:port/);
  });
});

/** Runs the helper container's own script with its directories under a scratch folder; stops it once it wrote its files. */
async function runHelper(helper: KongSidecar, secrets: Record<string, string> = {}): Promise<string> {
  const { spawn } = await import("node:child_process");
  const { mkdtempSync, existsSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const root = mkdtempSync(join(tmpdir(), "file-log-"));
  const script = helper.command![0].split("/var/log/kong-splunk").join(join(root, "logs")).split("/app/").join(`${root}/app/`);
  // The helper loops (it rotates Kong's file), so it is stopped once it wrote its last file.
  const child = spawn("sh", ["-c", script], { env: { PATH: process.env.PATH, ...helper.environment, ...secrets } });
  for (let i = 0; i < 50 && !existsSync(join(root, "app", "local", "outputs.conf")); i++) await new Promise((r) => setTimeout(r, 100));
  child.kill("SIGKILL");
  return root;
}

describe("FileLogForwarding: the shared directory", () => {
  it("is made writable for the kong user by the helper before Kong starts (task storage is owned by root)", async () => {
    const { statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const helper = forward().sidecars.find((s) => s.name === "splunk-uf-config")!;
    const root = await runHelper(helper);
    assert.equal(statSync(join(root, "logs")).mode & 0o7777, 0o1777);
    assert.equal(helper.startBeforeKong, "HEALTHY");
  });
});

describe("FileLogForwarding: TLS to the indexers", () => {
  const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  const tasks = forward(new RecordingTasks(), { indexerCa: { valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:indexer-ca-AbCdEf" } });
  const helper = tasks.sidecars.find((s) => s.name === "splunk-uf-config")!;

  it("has the helper write the indexers' CA from its secret into the forwarder's app, before outputs.conf", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const root = await runHelper(helper, { INDEXER_CA: CA });
    assert.equal(readFileSync(join(root, "app", "local", "indexer-ca.pem"), "utf8"), `${CA}\n`);
    assert.match(
      readFileSync(join(root, "app", "local", "outputs.conf"), "utf8"),
      /useSSL = true\nsslVerifyServerCert = true\nsslRootCAPath = \/opt\/splunkforwarder\/etc\/apps\/kong_file_log\/local\/indexer-ca\.pem/,
    );
  });

  it("reads the CA secret in the helper only", () => {
    assert.deepEqual(helper.secrets, [{ name: "INDEXER_CA", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:indexer-ca-AbCdEf" }]);
  });
});
