import { randomBytes } from "node:crypto";
import { Topology } from "../../../src/ha/resolved-topology";
import { createSecret } from "./start";

/**
 * What the operator creates before an estate's first deploy, in each site's region: the Admin API
 * credential (`adminPassword`), the Splunk tokens the HEC and Firehose paths name, and the
 * forwarder's password and the indexers' CA (`indexerCaPem`) the file-log path names. Token and
 * password values are random.
 */
export async function createOperatorSecrets(
  url: string,
  topology: Pick<Topology, "sites" | "logging">,
  adminPassword: string,
  indexerCaPem = "",
): Promise<void> {
  const { fileLog, splunkHec, firehose } = topology.logging ?? {};
  for (const site of topology.sites) {
    await createSecret(url, site.region, site.kong.adminCredentialSecret, adminPassword);
    if (splunkHec) await createSecret(url, site.region, splunkHec.authorizationSecret, `Splunk ${randomBytes(12).toString("hex")}`);
    if (firehose) await createSecret(url, site.region, firehose.hecTokenSecret, randomBytes(16).toString("hex"));
    if (fileLog?.forwarderPasswordSecret) await createSecret(url, site.region, fileLog.forwarderPasswordSecret, randomBytes(16).toString("hex"));
    if (fileLog?.indexerCaSecret) await createSecret(url, site.region, fileLog.indexerCaSecret, indexerCaPem);
  }
}
