// Just the Splunk logging: Kong's http-log plugin shipping every request to Splunk HEC's /raw
// endpoint, with the HEC token as a Kong secret reference ({vault://env/...}), never a literal, on
// a Kong you already run. Kong nodes need SPLUNK_HEC_AUTHORIZATION="Splunk <token>" in their
// environment (SplunkHecLogging.nodeEnvironmentVariable names it).
//
//   npx cdktf synth --app "npx tsx examples/splunk-logging.ts" --output cdktf.out/splunk-logging
//
// The other shipping paths (syslog, file-log with a Universal Forwarder sidecar, CloudWatch ->
// Firehose -> Splunk) are constructs of the same layer: see src/logging/README.md and docs/LOGGING.md.
import { App, AppConfig, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
// In your project: from "cdktf-kong-ha".
import { KongProvider, SplunkHecLogging, useFaithfulHcl } from "../src";

export class SplunkLoggingStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    useFaithfulHcl(this);
    new KongProvider(this, "kong", { kongAdminUri: "https://kong-admin.internal:8444" });
    const logging = new SplunkHecLogging(this, "splunk", {
      endpoint: "https://splunk-hec.example.com:8088",
      index: "kong",
      sourcetype: "kong:http-log",
    });
    new TerraformOutput(this, "node_environment_variable", { value: logging.nodeEnvironmentVariable ?? "" });
  }
}

/** The app `cdktf synth` runs for this example. */
export function buildApp(config?: AppConfig): App {
  const app = new App(config);
  new SplunkLoggingStack(app, "splunk-logging");
  return app;
}

if (require.main === module) buildApp().synth();
