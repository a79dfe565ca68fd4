import { TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { tooWideProblem } from "../../core/cidr";
import { isResource, isStack } from "../../core/construct-kinds";
import { isToken } from "../../core/schema";
import { defineRule } from "../../core/rules/rule";
import { Arguments, argumentsOf, labelOf, referenceOf } from "../../core/rules/terraform-arguments";

/** Kong's Admin API (HTTP 8001, TLS 8444) and Kong Manager (8002, 8445) listeners. */
export const KONG_ADMIN_PORTS: readonly number[] = [8001, 8444, 8002, 8445];

/** An ingress permission in any of the three ways AWS security groups take one. */
interface Ingress {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
}

function ingressOf(resource: TerraformResource, args: Arguments): Ingress[] {
  switch (resource.terraformResourceType) {
    case "aws_vpc_security_group_ingress_rule":
      return [{ protocol: String(args.ip_protocol), fromPort: args.from_port, toPort: args.to_port, cidrs: [args.cidr_ipv4, args.cidr_ipv6].filter(Boolean) }];
    case "aws_security_group_rule":
      if (args.type !== "ingress") return [];
      return [
        {
          protocol: String(args.protocol),
          fromPort: args.from_port,
          toPort: args.to_port,
          cidrs: [...(args.cidr_blocks ?? []), ...(args.ipv6_cidr_blocks ?? [])],
        },
      ];
    case "aws_security_group":
      return (Array.isArray(args.ingress) ? args.ingress : []).map((i: Arguments) => ({
        protocol: String(i.protocol),
        fromPort: i.from_port,
        toPort: i.to_port,
        cidrs: [...(i.cidr_blocks ?? []), ...(i.ipv6_cidr_blocks ?? [])],
      }));
    default:
      return [];
  }
}

/** The admin ports an ingress permission opens, whatever the addresses. */
function adminPorts(ingress: Ingress): number[] {
  if (ingress.protocol === "-1" || ingress.protocol === "all") return [...KONG_ADMIN_PORTS];
  if (ingress.protocol !== "tcp" && ingress.protocol !== "6") return [];
  const from = typeof ingress.fromPort === "number" ? ingress.fromPort : undefined;
  const to = typeof ingress.toPort === "number" ? ingress.toPort : from;
  if (from === undefined || to === undefined) return [];
  return KONG_ADMIN_PORTS.filter((port) => port >= from && port <= to);
}

/** The literal CIDRs of an ingress permission (references are judged where they are written). */
function literalCidrs(ingress: Ingress): string[] {
  return ingress.cidrs.filter((c) => typeof c === "string" && !isToken(c));
}

/** The admin ports an ingress permission opens to every address, if any. */
function exposedPorts(ingress: Ingress): number[] {
  // Judged on the addresses covered: 0.0.0.0/1 is as open as 0.0.0.0/0 for an admin port.
  return tooWideProblem(literalCidrs(ingress)) ? adminPorts(ingress) : [];
}

const RULE_TYPES = new Set(["aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group"]);

/** The security group an ingress permission belongs to: its reference, or the literal ID. */
function groupOf(resource: TerraformResource, args: Arguments): string | undefined {
  if (resource.terraformResourceType === "aws_security_group") return `aws_security_group.${resource.friendlyUniqueId}`;
  const id = args.security_group_id;
  if (typeof id !== "string") return undefined;
  return referenceOf(id)?.replace(/\.id$/, "") ?? (isToken(id) ? undefined : id);
}

/**
 * Ports of one security group that several permissions open to a /8 or wider together, none of them
 * alone (`10.0.0.0/9` in one rule and `10.128.0.0/9` in another): what one resource cannot show.
 */
function exposedTogether(stack: TerraformStack): string[] {
  const byGroupAndPort = new Map<string, { group: string; port: number; cidrs: string[]; labels: string[] }>();
  for (const resource of stack.node.findAll()) {
    if (!isResource(resource) || !RULE_TYPES.has(resource.terraformResourceType)) continue;
    const args = argumentsOf(resource);
    const group = groupOf(resource, args);
    if (group === undefined) continue;
    for (const ingress of ingressOf(resource, args)) {
      if (exposedPorts(ingress).length > 0) continue; // reported on its own resource
      for (const port of adminPorts(ingress)) {
        const key = `${group} ${port}`;
        const entry = byGroupAndPort.get(key) ?? { group, port, cidrs: [], labels: [] };
        entry.cidrs.push(...literalCidrs(ingress));
        if (!entry.labels.includes(labelOf(resource))) entry.labels.push(labelOf(resource));
        byGroupAndPort.set(key, entry);
      }
    }
  }
  return [...byGroupAndPort.values()].flatMap((e) => {
    const problem = tooWideProblem(e.cidrs);
    return problem
      ? [`security group ${e.group} admits ${[...new Set(e.cidrs)].join(", ")} to port ${e.port} through ${e.labels.join(" and ")}: ${problem}.`]
      : [];
  });
}

export const adminApiExposed = defineRule<TerraformResource | TerraformStack>({
  id: "KHA-SEC-002",
  name: "admin-api-exposed",
  level: "error",
  cause: "A security group admits the internet (or a /8 and wider) to Kong's Admin API or Kong Manager ports.",
  explanation:
    "Whoever reaches Kong's Admin API can reconfigure the gateway: route traffic anywhere, read " +
    "consumers' credentials, switch authentication off. The library keeps it on an internal load " +
    "balancer open only to `adminCidrs` (the VPC by default) and refuses 0.0.0.0/0 there; this rule " +
    "catches the same opening made elsewhere (an extra security group rule, an escape hatch, a " +
    "hand-written group) on the Admin API ports 8001/8444 and Kong Manager's 8002/8445, including " +
    "rules that open every port.",
  fix: "Admit only the networks that run Terraform or operate Kong (adminCidrs): never the internet, nor a /8 or wider (0.0.0.0/1 counts as much as 0.0.0.0/0).",
  appliesTo: (node: IConstruct): node is TerraformResource | TerraformStack =>
    isStack(node) || (isResource(node) && RULE_TYPES.has(node.terraformResourceType)),
  targets: { terraformTypes: [...RULE_TYPES], classes: [TerraformStack] },
  check: (resource) => {
    if (isStack(resource)) return exposedTogether(resource);
    const exposing = ingressOf(resource, argumentsOf(resource)).filter((ingress) => exposedPorts(ingress).length > 0);
    const ports = [...new Set(exposing.flatMap(exposedPorts))].sort((a, b) => a - b);
    const cidrs = [...new Set(exposing.flatMap((ingress) => ingress.cidrs))];
    return ports.length ? [`${labelOf(resource)} admits ${cidrs.join(", ")} to port${ports.length > 1 ? "s" : ""} ${ports.join(", ")}.`] : [];
  },
});
