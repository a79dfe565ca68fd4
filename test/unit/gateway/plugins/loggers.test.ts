import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileLog } from "../../../../src/gateway/plugins/file-log";
import { SYSLOG, syslog } from "../../../../src/gateway/plugins/syslog";
import { tcpLog } from "../../../../src/gateway/plugins/tcp-log";
import { pluginProblems } from "../../../support/plugin-check";

describe("syslog, file-log and tcp-log", () => {
  it("syslog defaults every severity to info and the facility to user", () => {
    assert.deepEqual(
      ["log_level", "successful_severity", "client_errors_severity", "server_errors_severity", "facility"].map((f) => SYSLOG.schema.defaultOf(f)),
      ["info", "info", "info", "info", "user"],
    );
  });

  it("syslog has no host or port: it writes to the node's syslog", () => {
    assert.match(pluginProblems({ name: "syslog", config: { host: "splunk.example.com" } })[0], /host: unknown field/);
  });

  it("syslog refuses an unknown severity", () => {
    assert.match(pluginProblems(syslog({ server_errors_severity: "error" as never }))[0], /"error" is not one of .* \(did you mean "err"\?\)/);
  });

  it("file-log needs an absolute path without shell metacharacters", () => {
    assert.deepEqual(pluginProblems(fileLog({ path: "/var/log/kong/access.json", reopen: true })), []);
    assert.match(pluginProblems(fileLog({ path: "logs/*.json" }))[0], /path: "logs\/\*\.json" is not an absolute file path/);
  });

  it("file-log needs a path", () => {
    assert.deepEqual(pluginProblems({ name: "file-log", config: {} }), ["plugin.config.path: is required"]);
  });

  it("tcp-log needs host and port", () => {
    assert.deepEqual(pluginProblems({ name: "tcp-log", config: { tls: true } }), ["plugin.config.host: is required", "plugin.config.port: is required"]);
    assert.deepEqual(pluginProblems(tcpLog({ host: "logs.internal", port: 5140, tls: true, tls_sni: "logs.internal" })), []);
  });

  it("custom_fields_by_lua takes Lua code per field name", () => {
    assert.deepEqual(pluginProblems(syslog({ custom_fields_by_lua: { site: "return 'east'" } })), []);
    assert.match(pluginProblems(syslog({ custom_fields_by_lua: { "bad name": "return 1" } }))[0], /key "bad name" is not a log field name/);
  });

  it("tcp-log accepts a bare IPv6 address as its host", () => {
    assert.deepEqual(pluginProblems(tcpLog({ host: "2001:db8::20", port: 5514 })), []);
  });

  it("custom_fields_by_lua takes field names with '-', as Kong does", () => {
    assert.deepEqual(pluginProblems(fileLog({ path: "/var/log/kong.json", custom_fields_by_lua: { "x-site": "return 'east'" } })), []);
  });
});
