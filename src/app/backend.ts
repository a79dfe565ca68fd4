import { Issue } from "../core/schema";
import { Topology } from "../ha/resolved-topology";
import { TerraformCloudBackend } from "../ha/kong-ha-stack";

/**
 * The environment `selectBackend` reads (stacks/main.ts passes `process.env`):
 * - `KONG_HA_BACKEND`: `local` or `cloud`; unset, the topology decides (a `terraformCloud` section means cloud);
 * - `TF_CLOUD_ORGANIZATION`, `TF_CLOUD_PROJECT`, `TF_CLOUD_HOSTNAME`, `KONG_HA_WORKSPACE_PREFIX`:
 *   what the file's `terraformCloud` section leaves out.
 */
export type BackendEnvironment = { readonly [name: string]: string | undefined };

/**
 * Chooses where the stacks keep their state. The file's `terraformCloud` section selects Terraform
 * Cloud, `KONG_HA_BACKEND=cloud|local` overrides it either way; fields the file leaves out come from
 * TF_CLOUD_ORGANIZATION, TF_CLOUD_PROJECT, TF_CLOUD_HOSTNAME and KONG_HA_WORKSPACE_PREFIX. Setting
 * TF_CLOUD_ORGANIZATION alone never moves state: state location changes only by a deliberate choice.
 * Returns `backend: undefined` for local state.
 */
export function selectBackend(topology: Topology, env: BackendEnvironment): { backend?: TerraformCloudBackend; issues: Issue[] } {
  const issues: Issue[] = [];
  const choice = env.KONG_HA_BACKEND?.trim() || undefined;
  if (choice !== undefined && choice !== "local" && choice !== "cloud") {
    issues.push({ path: "KONG_HA_BACKEND", message: `${JSON.stringify(choice)} is not one of "local", "cloud"` });
    return { issues };
  }
  if (choice === "local" || (choice === undefined && !topology.terraformCloud)) return { issues };
  const file = topology.terraformCloud ?? {};
  const organization = file.organization ?? (env.TF_CLOUD_ORGANIZATION?.trim() || undefined);
  const workspacePrefix = file.workspacePrefix ?? (env.KONG_HA_WORKSPACE_PREFIX?.trim() || topology.name);
  if (!organization) {
    issues.push({ path: "terraformCloud.organization", message: "is required for Terraform Cloud state: set it in the topology or TF_CLOUD_ORGANIZATION" });
  } else if (!/^[A-Za-z0-9_-]{1,80}$/.test(organization)) {
    issues.push({ path: "TF_CLOUD_ORGANIZATION", message: `${JSON.stringify(organization)} is not a Terraform Cloud organization name` });
  }
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(workspacePrefix)) {
    issues.push({ path: "KONG_HA_WORKSPACE_PREFIX", message: `${JSON.stringify(workspacePrefix)} is not a workspace name prefix (letters, digits, '-', '_')` });
  }
  if (issues.length) return { issues };
  return {
    backend: {
      organization: organization!,
      workspacePrefix,
      project: file.project ?? (env.TF_CLOUD_PROJECT?.trim() || undefined),
      hostname: file.hostname ?? (env.TF_CLOUD_HOSTNAME?.trim() || undefined),
    },
    issues,
  };
}
