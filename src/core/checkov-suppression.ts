import { TerraformDataSource, TerraformElement } from "cdktf";
import { isDataSource } from "./construct-kinds";
import { ConfigError } from "./config-error";
import { MIN_REASON_LENGTH } from "./rules/rule-suppressions";

/** A checkov check that does not apply to one resource, and why. */
export interface CheckovSkip {
  /** The checkov check ID, e.g. CKV_AWS_18. */
  readonly id: string;
  /** Why it does not apply here: at least one sentence. */
  readonly comment: string;
}

const CHECK_ID = /^CKV2?_[A-Z0-9]+_\d+$/;

/**
 * Records, next to the resource in the synthesized JSON (`"//": { "checkov": { "skip": [...] } }`),
 * that a checkov check does not apply to it. checkov itself reads no inline skips in Terraform JSON,
 * so the project's checkov suite applies these: a failure is accepted only when the resource carries
 * a skip for that check ID; docs/SECURITY.md lists every one.
 */
export function skipCheckov(element: TerraformElement, ...skips: readonly CheckovSkip[]): void {
  const issues = skips.flatMap((skip, i) => [
    ...(CHECK_ID.test(skip.id) ? [] : [{ path: `skips[${i}].id`, message: `${JSON.stringify(skip.id)} is not a checkov check ID such as CKV_AWS_18` }]),
    ...(skip.comment.trim().length >= MIN_REASON_LENGTH
      ? []
      : [{ path: `skips[${i}].comment`, message: `needs a reason of at least ${MIN_REASON_LENGTH} characters` }]),
  ]);
  if (issues.length) throw new ConfigError(issues, element.node.path);
  const existing = checkovSkipsOf(element);
  const all = [...existing, ...skips.map((s) => ({ id: s.id, comment: s.comment.trim() }))];
  if (isDataSource(element)) keepCommentOnDataSource(element);
  else element.addOverride("//.checkov.skip", all);
  RECORDED.set(element, all);
}

/**
 * cdktf 0.21 data sources replace their `"//"` comment with the construct metadata when they
 * synthesize, dropping overrides there; this adds the skips back after it.
 */
function keepCommentOnDataSource(element: TerraformDataSource): void {
  if (RECORDED.has(element)) return;
  const synthesize = element.toTerraform.bind(element);
  element.toTerraform = () => {
    const out = synthesize();
    const skip = RECORDED.get(element);
    for (const byName of Object.values((out.data ?? {}) as { [type: string]: { [name: string]: { "//"?: object } } })) {
      for (const block of Object.values(byName)) block["//"] = { ...block["//"], checkov: { skip } };
    }
    return out;
  };
}

const RECORDED = new WeakMap<TerraformElement, readonly CheckovSkip[]>();

/** The skips recorded on an element. */
export function checkovSkipsOf(element: TerraformElement): readonly CheckovSkip[] {
  return RECORDED.get(element) ?? [];
}

const KEY_POLICY_SCOPE = 'In a KMS key policy the resource "*" means this key and nothing else;';

/**
 * The checkov checks that misread a KMS key policy document: in a key policy the resource "*" is the
 * key itself, and the account-root statement is AWS's default. Every key policy the library writes
 * carries these three skips, with the same reasons (listed once in docs/SECURITY.md).
 */
export function skipKeyPolicyChecks(keyPolicy: TerraformElement): void {
  skipCheckov(
    keyPolicy,
    { id: "CKV_AWS_109", comment: `${KEY_POLICY_SCOPE} the account-root statement is AWS's default that keeps the key manageable by the account's IAM.` },
    { id: "CKV_AWS_111", comment: `${KEY_POLICY_SCOPE} write access is limited to the account root, as in AWS's default key policy.` },
    { id: "CKV_AWS_356", comment: `${KEY_POLICY_SCOPE} a key policy cannot name the key's own ARN before the key exists.` },
  );
}
