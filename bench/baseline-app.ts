// The baseline app: the plan's Terraform (bench/plan.ts, made from the library's output) declared
// with plain cdktf classes and synthesized. Usage: node --import tsx bench/baseline-app.ts <plan.json>
import { readFileSync } from "node:fs";
import { App } from "cdktf";
import { declarePlan } from "./baseline";
import type { StackPlan } from "./plan";

const app = new App();
declarePlan(app, JSON.parse(readFileSync(process.argv[2], "utf8")) as StackPlan[]);
app.synth();
