import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rsyslogForwardingConf, SyslogLogging, syslogPlugin } from "../../../src/logging/syslog-logging";
import { configErrorOf, resources, synthStack } from "../../support/synth";

const FORWARDING = { receiver: "sc4s.example.com:601" };

describe("SyslogLogging", () => {
  it("creates the syslog plugin with the given severities and facility", () => {
    const plugin = resources(
      synthStack((stack) => new SyslogLogging(stack, "syslog", { forwarding: FORWARDING, config: { server_errors_severity: "err", facility: "local4" } })),
      "kong_plugin",
    )[0];
    assert.deepEqual([plugin.name, JSON.parse(plugin.config_json)], ["syslog", { server_errors_severity: "err", facility: "local4" }]);
  });

  it("generates the rsyslog rule that forwards Kong's lines with a disk-assisted queue", () => {
    const conf = rsyslogForwardingConf(FORWARDING);
    assert.match(conf, /if \$programname == 'kong' then \{/);
    assert.match(conf, /target="sc4s\.example\.com" port="601" protocol="tcp"/);
    assert.match(conf, /queue\.maxDiskSpace="1g"/);
    assert.match(conf, /action\.resumeRetryCount="-1"/);
  });

  it("refuses Fargate, naming the alternatives", () => {
    const error = configErrorOf((scope) => new SyslogLogging(scope, "syslog", { forwarding: FORWARDING, platform: "fargate" }));
    assert.match(
      error.message,
      /platform: the syslog plugin writes to the node's local syslog .* use SplunkHecLogging .* FileLogForwarding .* FirehoseToSplunk/,
    );
  });

  it("refuses a receiver that is not host:port", () => {
    assert.throws(() => syslogPlugin({ forwarding: { receiver: "sc4s.example.com" } }), /forwarding\.receiver: "sc4s\.example\.com" is not host:port/);
  });

  it("checks the plugin config against Kong's schema", () => {
    assert.throws(() => syslogPlugin({ forwarding: FORWARDING, config: { facility: "local9" as never } }), /config\.facility: "local9" is not one of/);
  });
});
