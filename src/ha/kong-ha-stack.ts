import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";

/**
 * Base of every stack the library creates. It pins what must hold for each of them:
 * - local state goes next to the project, at a path relative to the stack's directory, so the
 *   synthesized JSON does not carry this machine's absolute paths and also runs as plain Terraform
 *   from `cdktf.out/stacks/<stack>` (cdktf's default would write an absolute path).
 */
export class KongHaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
  }
}
