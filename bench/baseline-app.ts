// The baseline app: the plan's Terraform (bench/plan.ts, made from the library's output) declared
// with plain cdktf classes and synthesized. Usage: node --require tsx/cjs bench/baseline-app.ts <plan.json>
// Source maps off, as stacks/main.ts turns them off for synth: the two apps pay the same runtime.
process.setSourceMapsEnabled(false);
import { readFileSync } from "node:fs";
import { App } from "cdktf";
import { declarePlan } from "./baseline";
import type { StackPlan } from "./plan";

const app = new App();
declarePlan(app, JSON.parse(readFileSync(process.argv[2], "utf8")) as StackPlan[]);
app.synth();
