import { TerraformResource, TerraformStack } from "cdktf";
import { backendKind, isResource } from "../../core/construct-kinds";
import { defineRule, instancesOf } from "../../core/rules/rule";
import { argumentOf } from "../../core/rules/terraform-arguments";
import { formats } from "../../core/formats";
import { KONG_SECRET_ARGUMENTS } from "../../gateway/rules/literal-secret-in-kong-config";

/**
 * Resource types whose Terraform state holds a secret in clear (a private key, a credential), and
 * the attributes that hold it: the kong resources' credential arguments (which the provider reads
 * back into state), tls and Vault private keys, a Secrets Manager value written without `_wo`.
 */
export const SECRET_STATE_ATTRIBUTES: { readonly [type: string]: readonly string[] } = {
  tls_private_key: ["private_key_pem"],
  tls_self_signed_cert: ["private_key_pem"],
  tls_cert_request: ["private_key_pem"],
  vault_pki_secret_backend_cert: ["private_key"],
  vault_pki_secret_backend_root_cert: ["private_key"],
  aws_secretsmanager_secret_version: ["secret_string"],
  ...Object.fromEntries(Object.entries(KONG_SECRET_ARGUMENTS).filter(([type]) => type !== "kong")),
};

/**
 * The attributes of a resource whose state would hold a secret. A write-only `secret_string_wo`
 * leaves `secret_string` empty; a whole Kong reference (`{vault://...}`) is stored as the reference,
 * never as what Kong resolves it to; a key Kong generates is still stored.
 */
function secretAttributes(resource: TerraformResource): string[] {
  const type = resource.terraformResourceType;
  if (type === "aws_secretsmanager_secret_version") return argumentOf(resource, "secret_string") !== undefined ? [...SECRET_STATE_ATTRIBUTES[type]] : [];
  return SECRET_STATE_ATTRIBUTES[type].filter((attribute) => {
    const value = argumentOf(resource, attribute);
    return !(typeof value === "string" && formats.isSecretReference(value));
  });
}

/** The resources of a stack whose state would hold a secret, as `type.name (attributes)`. */
function secretsInState(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .filter((node): node is TerraformResource => isResource(node) && node.terraformResourceType in SECRET_STATE_ATTRIBUTES)
    .map((resource) => ({ resource, attributes: secretAttributes(resource) }))
    .filter(({ attributes }) => attributes.length > 0)
    .map(({ resource, attributes }) => `${resource.terraformResourceType}.${resource.friendlyUniqueId} (${attributes.join(", ")})`);
}

export const secretsInLocalState = defineRule<TerraformStack>({
  id: "KHA-SEC-008",
  name: "secrets-in-local-state",
  level: "warning",
  cause: "A stack whose state holds secrets keeps that state in a local plaintext file.",
  explanation:
    "Terraform stores every attribute of a resource in its state, secrets included: a private key the tls " +
    "provider generated, a certificate's key uploaded to Kong, a consumer's API key or password. With the " +
    "local backend that state is a plaintext JSON file on the machine that ran the apply (and in any copy " +
    "or backup of it): whoever reads the file holds the keys. A remote backend (Terraform Cloud, or S3 " +
    "with encryption and a narrow bucket policy) keeps it encrypted and access-controlled.",
  fix: "Keep this stack's state in Terraform Cloud (topology terraformCloud / TF_CLOUD_ORGANIZATION) or another encrypted remote backend.",
  ...instancesOf(TerraformStack),
  check: (stack) => {
    if (backendKind(stack) !== "local") return [];
    const secrets = secretsInState(stack);
    return secrets.length ? [`stack ${stack.node.id} keeps local plaintext state holding ${secrets.join(", ")}.`] : [];
  },
});
