import { TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { isResource } from "../construct-kinds";
import { defineRule } from "./rule";
import { argumentsOf, hasPreventDestroy, labelOf, referenceOf } from "./terraform-arguments";

/** The stateful resource types, what losing one costs, and the service's own deletion protection argument. */
const STATEFUL: { readonly [type: string]: { readonly loses: string; readonly deletionProtection?: string } } = {
  aws_db_instance: { loses: "the database and, with it, every automated backup", deletionProtection: "deletion_protection" },
  aws_rds_cluster: { loses: "the database cluster and its automated backups", deletionProtection: "deletion_protection" },
  aws_dynamodb_table: { loses: "the table's data", deletionProtection: "deletion_protection_enabled" },
  aws_efs_file_system: { loses: "the file system's data" },
  aws_kms_key: { loses: "every ciphertext under the key (database, snapshots, secrets, logs) after the waiting period" },
  aws_kms_replica_key: { loses: "the region's copy of the key, and with it the replicas it encrypts" },
  aws_secretsmanager_secret: { loses: "the secret's value and its history" },
  aws_s3_bucket: { loses: "the bucket's objects" },
  aws_route53_zone: { loses: "the zone's name servers: the parent's delegation would point at nothing" },
  aws_route53_key_signing_key: { loses: "the DNSSEC signing key the parent's DS record points to" },
  aws_route53_hosted_zone_dnssec: { loses: "DNSSEC signing, which validating resolvers expect once the DS record is published" },
  vault_mount: { loses: "every secret (or the CA and its keys) stored under the mount" },
  vault_pki_secret_backend_root_cert: { loses: "the root CA's private key, which Vault deletes with it" },
  aws_acmpca_certificate_authority: {
    loses: "the private CA and its key, which every certificate it issued chains to (restorable only inside the CA's deletion window)",
  },
};

/** `tls_private_key.<name>.private_key_pem` -> `<name>` */
const KEY_REFERENCE = /^tls_private_key\.([^.]+)\./;
const REQUEST_REFERENCE = /^tls_cert_request\.([^.]+)\./;

/**
 * The tls_private_key resources a stack's CAs sign with: the keys of self-signed CA certificates and
 * of the requests behind locally signed CA certificates (an intermediate).
 */
export function caKeyNames(stack: TerraformStack): Set<string> {
  const resources = stack.node.findAll().filter((n): n is TerraformResource => isResource(n));
  const byName = new Map(resources.map((r) => [r.friendlyUniqueId, r]));
  const names = new Set<string>();
  const keyOf = (value: unknown) => KEY_REFERENCE.exec(referenceOf(value) ?? "")?.[1];
  for (const r of resources) {
    if (r.terraformResourceType !== "tls_self_signed_cert" && r.terraformResourceType !== "tls_locally_signed_cert") continue;
    const args = argumentsOf(r);
    if (args.is_ca_certificate !== true) continue;
    if (r.terraformResourceType === "tls_self_signed_cert") {
      const key = keyOf(args.private_key_pem);
      if (key) names.add(key);
    } else {
      const request = REQUEST_REFERENCE.exec(referenceOf(args.cert_request_pem) ?? "")?.[1];
      const requestResource = request ? byName.get(request) : undefined;
      const key = requestResource ? keyOf(argumentsOf(requestResource).private_key_pem) : undefined;
      if (key) names.add(key);
    }
  }
  return names;
}

/** What destroying the resource loses, when it holds state; undefined when it does not. */
function statefulness(resource: TerraformResource): string | undefined {
  const type = resource.terraformResourceType;
  // A private zone has no delegation: the library's (one alias inside the VPC) is rebuilt by an apply.
  if (type === "aws_route53_zone" && Array.isArray(argumentsOf(resource).vpc) && (argumentsOf(resource).vpc as unknown[]).length > 0) return undefined;
  if (STATEFUL[type]) return STATEFUL[type].loses;
  if (type === "tls_private_key") return caKeyNames(TerraformStack.of(resource)).has(resource.friendlyUniqueId) ? "a CA's private key" : undefined;
  return undefined;
}

export const statefulResourceUnprotected = defineRule<TerraformResource>({
  id: "KHA-SEC-001",
  name: "stateful-resource-unprotected",
  level: "error",
  cause: "A resource that holds state nothing can rebuild has no destroy protection.",
  explanation:
    "Databases, KMS keys, secrets, S3 buckets, hosted zones, DNSSEC keys, Vault mounts and CA keys " +
    "(a Vault root certificate and an AWS private CA take their keys with them) hold what a new apply cannot recreate: data, the ability to decrypt it, the trust " +
    "clients place in a CA, the delegation of a domain. One `cdktf destroy` in the wrong directory, or " +
    "a change that forces replacement (a renamed construct, an engine or key change), deletes them. " +
    "The library's constructs set Terraform's `prevent_destroy` (and the service's deletion protection " +
    "where it has one) unless they are given `protect: false`, which records the opt-out as a " +
    "suppression of this rule; the rule finds the resources where neither happened, including ones " +
    "added outside the library's constructs.",
  fix:
    "Keep `protect` at its default, or set `lifecycle: { preventDestroy: true }` (or the service's deletion protection) on the resource; " +
    "for a throw-away environment pass `protect: false` to the construct.",
  appliesTo: (node: IConstruct): node is TerraformResource => isResource(node) && statefulness(node) !== undefined,
  targets: { terraformTypes: [...Object.keys(STATEFUL), "tls_private_key"] },
  check: (resource) => {
    const args = argumentsOf(resource);
    const serviceGuard = STATEFUL[resource.terraformResourceType]?.deletionProtection;
    if (hasPreventDestroy(args) || (serviceGuard && args[serviceGuard] === true)) return [];
    return [`${labelOf(resource)} has no destroy protection: a destroy or a replacement loses ${statefulness(resource)}.`];
  },
});
