import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { isVariableSecret, SecretValue } from "./catalog";

/**
 * Turns a catalog secret into a value for a resource argument: a Terraform reference passes through;
 * `{ variable: name }` becomes a sensitive string variable of the stack (one per name, shared), set at
 * apply time with `TF_VAR_<name>` or a Terraform Cloud workspace variable. Either way the synthesized
 * JSON holds a reference, never the secret.
 */
export function secretArgument(scope: Construct, value: SecretValue, description: string): string {
  if (!isVariableSecret(value)) return value;
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(value.variable);
  if (existing instanceof TerraformVariable) return existing.stringValue;
  if (existing) {
    throw new Error(`${stack.node.path}: "${value.variable}" names a construct that is not a variable; choose another variable name for the secret`);
  }
  return new TerraformVariable(stack, value.variable, { type: "string", sensitive: true, nullable: false, description }).stringValue;
}
