import { DataResource, TerraformLocal, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import type { LeafCertificateProps } from "./certificate-authority";
import { createPrivateKey, KeySpec } from "./key-spec";

/**
 * Terraform's plan time as whole hours since 1970-01-01 UTC. Terraform has no date-to-number
 * function, so the day number comes from `plantimestamp()`'s year, month and day by the Julian day
 * formula (integer arithmetic with `floor`), less 2440588, the Julian day of 1970-01-01.
 */
export function planHoursExpression(timestamp = "plantimestamp()"): string {
  const part = (format: string) => `tonumber(formatdate("${format}", ${timestamp}))`;
  const [y, m, d, h] = [part("YYYY"), part("M"), part("D"), part("h")]; // "h": the 24-hour clock ("H" is 12-hour)
  const a = `floor((14 - ${m}) / 12)`;
  const year = `(${y} + 4800 - ${a})`;
  const month = `(${m} + 12 * ${a} - 3)`;
  const julianDay = `(${d} + floor((153 * ${month} + 2) / 5) + 365 * ${year} + floor(${year} / 4) - floor(${year} / 100) + floor(${year} / 400) - 32045)`;
  return `(${julianDay} - 2440588) * 24 + ${h}`;
}

/** The stack's plan clock (one local per stack): `planHoursExpression()`. */
function planHours(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const id = "certificate-rotation-clock";
  const local = (stack.node.tryFindChild(id) as TerraformLocal | undefined) ?? new TerraformLocal(stack, id, `\${${planHoursExpression()}}`);
  return local.asString;
}

/**
 * A generation number that moves on every `periodHours` boundary of the plan clock, as a
 * `terraform_data` whose `input.generation` is that number. A leaf's private key is replaced when it changes
 * (`replace_triggered_by`), and with the key its request and certificate: the key cannot follow the
 * certificate's own early renewal (the certificate depends on the key, and the reverse dependency
 * would be a cycle), so both follow this clock instead. With a period of validity minus the renewal
 * window, a certificate is re-issued with a new key when it enters its window (or earlier, once,
 * after a first apply in the middle of a period), and a second plan inside a period changes nothing.
 */
export function keyGeneration(scope: Construct, id: string, periodHours: number): DataResource {
  return new DataResource(scope, id, { input: { generation: `\${floor(${planHours(scope)} / ${periodHours})}` } });
}

/**
 * A leaf's key and certificate request, the key renewed on the clock of `keyGeneration`: replaced
 * each time the certificate would enter its renewal window, and with it the request and whatever
 * certificate is signed from it. Whichever CA signs the request, the key is generated the same way.
 */
export function rotatingLeafRequest(
  scope: Construct,
  props: LeafCertificateProps,
  keySpec: KeySpec | undefined,
  hours: { readonly validity: number; readonly earlyRenewal: number },
): { readonly key: PrivateKey; readonly request: CertRequest } {
  const generation = keyGeneration(scope, "key-generation", hours.validity - hours.earlyRenewal);
  const key = createPrivateKey(scope, "key", keySpec, { replaceTriggeredBy: [`${generation.terraformResourceType}.${generation.friendlyUniqueId}`] });
  const request = new CertRequest(scope, "request", {
    privateKeyPem: key.privateKeyPem,
    subject: [{ commonName: props.commonName ?? props.dnsNames?.[0] }],
    dnsNames: props.dnsNames ? [...props.dnsNames] : undefined,
    ipAddresses: props.ipAddresses ? [...props.ipAddresses] : undefined,
  });
  return { key, request };
}
