import { CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { workspaceName } from "../core/naming";
import { useFaithfulHcl } from "../hcl/faithful-hcl";

/** Where every stack keeps its state: one Terraform Cloud workspace per stack, `<workspacePrefix>-<stack>`. */
export interface TerraformCloudBackend {
  readonly organization: string;
  readonly workspacePrefix: string;
  /** @default the organization's default project */
  readonly project?: string;
  /** @default app.terraform.io */
  readonly hostname?: string;
}

export interface KongHaStackProps {
  /**
   * Keep this stack's state in the Terraform Cloud workspace `<workspacePrefix>-<stack id>`.
   * @default local state in `terraform.<stack id>.tfstate` next to the project
   */
  readonly terraformCloud?: TerraformCloudBackend;
}

/**
 * Base of every stack the library creates. It pins what must hold for each of them:
 * - local state goes next to the project, at a path relative to the stack's directory, so the
 *   synthesized JSON does not carry this machine's absolute paths and also runs as plain Terraform
 *   from `cdktf.out/stacks/<stack>` (cdktf's default would write an absolute path);
 * - with Terraform Cloud, one named workspace per stack, so cross-stack references (cdktf reads
 *   them with `terraform_remote_state`) name exactly one workspace. The workspaces must share state
 *   with each other (workspace setting "Remote state sharing"), see docs/HA.md;
 * - `cdktf synth --hcl` writes HCL that means what the JSON means (`useFaithfulHcl`), not cdktf
 *   0.21's lossy rendering;
 * - the stacks need Terraform 1.11 (write-only arguments such as `secret_string_wo`), and say so to
 *   CDK Terrain (`declareTargetVersions`).
 */
export class KongHaStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: KongHaStackProps = {}) {
    super(scope, id);
    declareTargetVersions(this);
    useFaithfulHcl(this);
    const cloud = props.terraformCloud;
    if (cloud) {
      new CloudBackend(this, {
        organization: cloud.organization,
        hostname: cloud.hostname,
        workspaces: new NamedCloudWorkspace(workspaceName(cloud, id), cloud.project),
      });
    } else {
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }
  }
}

/** The Terraform versions the library's stacks are written for: write-only arguments came in 1.11. */
export const TARGET_VERSIONS = { terraform: ">=1.11.0" } as const;

/**
 * Declares TARGET_VERSIONS as the stack's `targetVersions` context, unless the app declared its own.
 * CDK Terrain (`cdktn`) checks every feature a stack uses against it and, when none is declared,
 * assumes Terraform 1.5.7, which refuses the write-only arguments; cdktf 0.21 ignores the key.
 */
export function declareTargetVersions(stack: TerraformStack): void {
  if (stack.node.tryGetContext("targetVersions") === undefined) stack.node.setContext("targetVersions", TARGET_VERSIONS);
}
