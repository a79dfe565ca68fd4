// What a second plan of a `<site>-infra` (or the `pki`) stack changes after an apply against moto, because moto
// does not store or return these fields. Each is an emulator gap, not a library defect: the same
// stacks plan no changes against AWS. The rehearsal checks the list is still exact, so it can only
// shrink on purpose (a newer moto, or a library change that removes the field).

import assert from "node:assert/strict";

export interface EmulatorDrift {
  /** `infra`: every `<site>-infra` stack (construct IDs do not carry the site); `pki`, `global`: those stacks. */
  readonly stack: "infra" | "pki" | "global";
  readonly address: string;
  readonly attribute: string;
  /** The moto version it was seen with. */
  readonly moto: string;
  readonly why: string;
}

const MOTO = "5.2.5";
const SG_RULE = "moto does not return a security group rule's description";

export const EMULATOR_DRIFTS: readonly EmulatorDrift[] = [
  {
    address: "aws_db_instance.kong_database_instance_0AC04E18",
    attribute: "performance_insights_enabled",
    stack: "infra",
    moto: MOTO,
    why: "moto does not store Performance Insights settings",
  },
  {
    address: "aws_db_instance.kong_database_instance_0AC04E18",
    attribute: "performance_insights_kms_key_id",
    stack: "infra",
    moto: MOTO,
    why: "moto does not store Performance Insights settings",
  },
  {
    address: "aws_db_parameter_group.kong_database_parameters_E48A5D4D",
    attribute: "parameter",
    stack: "infra",
    moto: MOTO,
    why: "moto does not return a parameter group's parameters",
  },
  {
    address: "aws_ecs_service.kong_cluster_service_CB96CBB2",
    attribute: "availability_zone_rebalancing",
    stack: "infra",
    moto: MOTO,
    why: "moto does not store an ECS service's AZ rebalancing",
  },
  {
    stack: "infra",
    address: "aws_ecs_service.kong_cluster_service_CB96CBB2",
    attribute: "enable_ecs_managed_tags",
    moto: MOTO,
    why: "moto does not store ECS managed tags",
  },
  {
    address: "aws_ecs_service.kong_cluster_service_CB96CBB2",
    attribute: "health_check_grace_period_seconds",
    stack: "infra",
    moto: MOTO,
    why: "moto does not store an ECS service's health check grace period",
  },
  { stack: "infra", address: "aws_vpc_security_group_egress_rule.kong_cluster_out-database_49177A5E", attribute: "description", moto: MOTO, why: SG_RULE },
  {
    stack: "infra",
    address: "aws_vpc_security_group_egress_rule.kong_load-balancers_admin-to-admin_D02EA730",
    attribute: "description",
    moto: MOTO,
    why: SG_RULE,
  },
  {
    stack: "infra",
    address: "aws_vpc_security_group_egress_rule.kong_load-balancers_admin-to-status_AA6988CF",
    attribute: "description",
    moto: MOTO,
    why: SG_RULE,
  },
  {
    stack: "infra",
    address: "aws_vpc_security_group_egress_rule.kong_load-balancers_public-to-proxy_C0C0609E",
    attribute: "description",
    moto: MOTO,
    why: SG_RULE,
  },
  {
    stack: "infra",
    address: "aws_vpc_security_group_egress_rule.kong_load-balancers_public-to-status_DDE702D3",
    attribute: "description",
    moto: MOTO,
    why: SG_RULE,
  },
  { stack: "infra", address: "aws_vpc_security_group_ingress_rule.kong_database_from-kong-tasks_3C17B8FB", attribute: "description", moto: MOTO, why: SG_RULE },
  {
    stack: "infra",
    address: "aws_vpc_security_group_ingress_rule.kong_load-balancers_public-in-status_AC3C375B",
    attribute: "description",
    moto: MOTO,
    why: SG_RULE,
  },
  {
    stack: "pki",
    address: "aws_kms_replica_key.secrets_key-us-west-2_27085DB7",
    attribute: "description",
    moto: MOTO,
    why: "moto's ReplicateKey copies the primary key's description and ignores the one given",
  },
  ...["admin-east_26B665CC", "admin-west_8976F816", "ca_1A714954", "server-east_1B1C1340", "server-west_D52A2580"].map((secret): EmulatorDrift => ({
    stack: "pki",
    address: `aws_secretsmanager_secret.secrets_${secret}`,
    attribute: "replica",
    moto: MOTO,
    why: "moto does not keep a replica's KMS key (it answers alias/aws/secretsmanager)",
  })),
];

/** The drifts of one kind of stack, as `address attribute` lines, sorted (what the rehearsal compares). */
export function driftsOf(stack: EmulatorDrift["stack"]): string[] {
  return EMULATOR_DRIFTS.filter((d) => d.stack === stack)
    .map((d) => `${d.address} ${d.attribute}`)
    .sort();
}

/**
 * What a second plan would change, as `address attribute` lines (unknown values left out; a
 * replacement or a creation as `address actions`), sorted: what the drift lists are compared with.
 * `terraform` runs terraform in the stack's directory and returns its merged output.
 */
export async function secondPlanChanges(terraform: (args: string[]) => Promise<{ readonly code: number; readonly out: string }>): Promise<string[]> {
  const plan = await terraform(["plan", "-out=rehearsal.tfplan"]);
  assert.equal(plan.code, 0, plan.out);
  const show = await terraform(["show", "-json", "rehearsal.tfplan"]);
  assert.equal(show.code, 0, show.out);
  const changes: string[] = [];
  for (const rc of JSON.parse(show.out).resource_changes ?? []) {
    const actions: string[] = rc.change.actions;
    if (actions.every((a) => a === "no-op" || a === "read")) continue;
    if (!actions.includes("update")) {
      changes.push(`${rc.address} ${actions.join("+")}`);
      continue;
    }
    const before = rc.change.before ?? {};
    const afterValues = rc.change.after ?? {};
    const unknown = rc.change.after_unknown ?? {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(afterValues)])) {
      if (unknown[key] === true) continue;
      if (JSON.stringify(before[key]) !== JSON.stringify(afterValues[key])) changes.push(`${rc.address} ${key}`);
    }
  }
  return changes.sort();
}
