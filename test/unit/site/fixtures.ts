import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KongSite, KongSiteProps } from "../../../src/site/kong-site";

/** A KongSite in a stack with an AWS provider, the way SiteInfraStack builds one. */
export function testSite(stack: TerraformStack, props: Partial<KongSiteProps> = {}): KongSite {
  new AwsProvider(stack, "aws", { region: props.region ?? "us-east-1" });
  return new KongSite(stack, "kong", { siteName: "east", region: "us-east-1", namePrefix: "edge-east", ...props });
}

/** The container definitions of the task definition whose family is `family`. */
export function containers(json: { resource?: { aws_ecs_task_definition?: object } }, family = "edge-east-kong"): ContainerDefinition[] {
  const tasks = Object.values(json.resource?.aws_ecs_task_definition ?? {}) as { family: string; container_definitions: string }[];
  const task = tasks.find((t) => t.family === family);
  if (!task) throw new Error(`no task definition ${family}`);
  return JSON.parse(task.container_definitions) as ContainerDefinition[];
}

export interface ContainerDefinition {
  name: string;
  image: string;
  essential: boolean;
  command?: string[];
  user?: string;
  environment?: { name: string; value: string }[];
  secrets?: { name: string; valueFrom: string }[];
  dependsOn?: { containerName: string; condition: string }[];
  mountPoints?: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  portMappings?: { containerPort: number }[];
  logConfiguration?: { logDriver: string; options?: { [key: string]: string } };
}

/** A container's environment as a map. */
export function env(container: ContainerDefinition | undefined): { [name: string]: string } {
  return Object.fromEntries((container?.environment ?? []).map((e) => [e.name, e.value]));
}
