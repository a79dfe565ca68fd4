import { DataAwsSecretsmanagerSecrets } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secrets";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { ConfigError } from "../core/config-error";
import { describeValue } from "../core/schema";

/** The names `secretArnByName` takes: Secrets Manager's own character set. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/**
 * The ARN of the Secrets Manager secret named exactly `name` in the scope's AWS region (a replica
 * keeps its primary's name), found at plan with ListSecrets (`aws_secretsmanager_secrets`), which
 * reads names and ARNs only. The singular `aws_secretsmanager_secret` data source also reads the
 * secret's resource policy, which Secrets Manager refuses on a replica ("Operation not permitted on
 * a replica secret", seen with moto 5.2.5). ListSecrets matches names by prefix, so the ARN is picked
 * by its exact name (`<name>-<6 characters>`); the plan stops with the name and region when there is
 * none or more than one.
 */
export function secretArnByName(scope: Construct, id: string, name: string): string {
  if (!SECRET_NAME.test(name)) {
    throw new ConfigError(
      [{ path: id, message: `${describeValue(name)} is not a Secrets Manager secret name (1-512 of A-Z a-z 0-9 / _ + = . @ -)` }],
      scope.node.path,
    );
  }
  const matching = (arns: string) => `[for arn in ${arns} : arn if endswith(replace(arn, "/-[A-Za-z0-9]{6}$/", ""), ":secret:${name}")]`;
  const secrets = new DataAwsSecretsmanagerSecrets(scope, id, {
    filter: [{ name: "name", values: [name] }],
    lifecycle: {
      postcondition: [
        {
          condition: `\${length(${matching("self.arns")}) == 1}`,
          errorMessage: `Expected exactly one Secrets Manager secret named ${name} in this stack's region: create it (or apply the stack that stores it) first.`,
        },
      ],
    },
  });
  // A local, so that every reader (a JSON-encoded container definition too) holds a plain reference.
  return new TerraformLocal(scope, `${id}-arn`, `\${one(${matching(`data.${secrets.terraformResourceType}.${secrets.friendlyUniqueId}.arns`)})}`).asString;
}
