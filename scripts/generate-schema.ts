// Writes schema/topology.schema.json from the topology schema (src/config/topology.ts) and the
// built-in plugin registry: `npm run generate:schema`. test/unit/cli/topology-json-schema.test.ts
// fails when the committed file differs from what this writes.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TOPOLOGY_SCHEMA_FILE, topologyJsonSchemaText } from "../src/cli/topology-json-schema";

const file = join(resolve(__dirname, ".."), TOPOLOGY_SCHEMA_FILE);
writeFileSync(file, topologyJsonSchemaText());
process.stdout.write(`wrote ${TOPOLOGY_SCHEMA_FILE}\n`);
