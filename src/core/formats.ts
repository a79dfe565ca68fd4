import { AWS_REGIONS_BY_PARTITION } from "./aws-regions";
import { cidrRange, isIp, isIpOrCidr } from "./cidr";
import { closest, describeValue, Issue, isToken, JsonSchema, s, StringSchema } from "./schema";

/**
 * String formats shared by the topology file, the gateway catalog and the plugin schemas.
 * Each regex is anchored and says what it means, so errors read "is not a DNS hostname".
 */

/** A Kong entity name: Kong allows letters, digits and `.-_~`. */
export const NAME_PATTERN = { regex: /^[A-Za-z0-9.\-_~]{1,128}$/, means: "a name (letters, digits, '.', '-', '_', '~'; at most 128)" };

/** A stack-safe identifier: used in stack names, Terraform workspace names and construct IDs. */
export const IDENTIFIER_PATTERN = {
  regex: /^[a-z][a-z0-9-]{0,30}[a-z0-9]$|^[a-z]$/,
  means: "an identifier (lower-case letters, digits and '-', starting with a letter, at most 32)",
};

const LABEL = "(?!-)[A-Za-z0-9-]{1,63}(?<!-)";
/** A Terraform variable name. */
export const VARIABLE_NAME_PATTERN = { regex: /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, means: "a Terraform variable name (letters, digits, '_' and '-')" };

/** A DNS hostname (RFC 1123), optionally a wildcard in the leftmost label. */
export const HOSTNAME_PATTERN = {
  regex: new RegExp(`^(\\*\\.)?(${LABEL}\\.)*${LABEL}$`),
  means: "a DNS hostname",
};
/** A DNS domain with at least two labels, e.g. api.example.com. */
export const DOMAIN_PATTERN = {
  regex: new RegExp(`^(${LABEL}\\.)+[A-Za-z]{2,63}$`),
  means: "a DNS domain such as api.example.com",
};

/** A Kong route path: starts with '/', or a regex path starting with '~'. */
export const ROUTE_PATH_PATTERN = { regex: /^(\/|~)[^\s]*$/, means: "a path starting with '/' (or a regex path starting with '~')" };

/** An HTTP header name (RFC 7230 token). */
export const HEADER_NAME_PATTERN = { regex: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, means: "an HTTP header name" };

const SECRET_NAME = "[A-Za-z0-9/_+=.@-]{1,512}";
const SECRET_ARN = "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+";

/** A Secrets Manager secret name, e.g. edge/kong-admin. */
export const SECRET_NAME_PATTERN = { regex: new RegExp(`^${SECRET_NAME}$`), means: "a Secrets Manager secret name" };

/** A Secrets Manager secret ARN. */
export const SECRET_ARN_PATTERN = {
  regex: new RegExp(`^${SECRET_ARN}$`),
  means: "a Secrets Manager secret ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:kong/license-AbCdEf",
};

/** A Secrets Manager secret by name (in the region of whoever reads it) or by ARN. */
export const SECRET_NAME_OR_ARN_PATTERN = {
  regex: new RegExp(`^(${SECRET_ARN}|${SECRET_NAME})$`),
  means: "a Secrets Manager secret name such as edge/kong-admin, or its ARN",
};

/** A Kong secret reference such as {vault://env/splunk-hec-token}. */
export const SECRET_REFERENCE_PATTERN = {
  regex: /^\{vault:\/\/[A-Za-z0-9_-]+\/[^{}\s]+\}$/,
  means: "a Kong secret reference such as {vault://env/my-secret}",
};

/**
 * The environment variable a `{vault://env/<name>[/<key>]}` reference reads: Kong's `env` vault
 * upper-cases the name and turns '-' into '_'. Undefined for any other reference.
 */
export function envVariableOf(reference: string): string | undefined {
  const match = /^\{vault:\/\/env\/([A-Za-z0-9_-]+)(\/[^}]*)?\}$/.exec(reference);
  return match ? match[1].toUpperCase().replace(/-/g, "_") : undefined;
}

/** Syntax PCRE has and JavaScript's RegExp lacks: inline flags, atomic groups, possessive quantifiers, \\A \\Z \\z anchors, branch reset. */
const PCRE_ONLY = /\(\?[imsxU-]+[):]|\(\?>|\(\?\||[*+?}]\+|\\[AZzG]/;

/**
 * Why a regex path would not compile (Kong's router uses PCRE), judged with JavaScript's RegExp; a
 * pattern with PCRE-only syntax that JavaScript cannot judge is given the benefit of the doubt.
 */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    if (PCRE_ONLY.test(pattern)) return undefined;
    const message = (error as Error).message;
    return message.slice(message.lastIndexOf(": ") + 2).toLowerCase();
  }
}

/** True for a CIDR block (the prefix is required). */
export function isCidr(value: string): boolean {
  return cidrRange(value) !== undefined;
}

/** A string that must pass a predicate, with the predicate's meaning for error messages. */
function predicateString(test: (v: string) => boolean, means: string): StringSchema {
  return s.string().refine((value, path, issues) => {
    if (!isToken(value) && !test(value)) issues.push({ path, message: `${JSON.stringify(value)} is not ${means}` });
  });
}

/** An HTTP header name as Kong's plugins accept it: letters, digits, '-' and '_' (Kong's `typedefs.header_name`). */
export const KONG_HEADER_NAME_PATTERN = { regex: /^[A-Za-z0-9_-]+$/, means: "a header name Kong accepts (letters, digits, '-' and '_')" };

/** A URL path as Kong's `typedefs.path`: starts with '/', no empty segment ('//'), not a regex ('~'). */
export const KONG_PATH_PATTERN = { regex: /^\/(?!.*\/\/)[^\s~]*$/, means: "a path starting with '/', without '//' or a regex ('~')" };

/** A host Kong connects to: a DNS name (no wildcard), an IPv4 address or a bare IPv6 address. */
export function isHostOrIp(value: string): boolean {
  return (!value.startsWith("*.") && HOSTNAME_PATTERN.regex.test(value) && value.length <= 253) || isIp(value);
}

/** Every AWS region of every partition (generated from the AWS SDK's partition data). */
export const AWS_REGIONS: readonly string[] = Object.values(AWS_REGIONS_BY_PARTITION).flat();
const AWS_REGION_SET = new Set(AWS_REGIONS);

/** True for a region AWS has (not merely one that looks like a region, such as us-east-9). */
export function isAwsRegion(value: string): boolean {
  return AWS_REGION_SET.has(value);
}

/** An AWS region: one of the SDK's list, with a "did you mean"; editors get the list as an enum. */
export class AwsRegionSchema extends StringSchema {
  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (typeof value !== "string") return super.checkShape(value, path, issues);
    if (isToken(value) || isAwsRegion(value)) return;
    const hint = closest(value, AWS_REGIONS);
    issues.push({ path, message: `${describeValue(value)} is not an AWS region ${hint ? `(did you mean "${hint}"?)` : "such as us-east-1"}` });
  }

  protected jsonSchema(): JsonSchema {
    return { type: "string", enum: [...AWS_REGIONS] };
  }
}

export const formats = {
  // Names become construct IDs, stack and resource names: never a Terraform expression (`${...}`).
  name: () => s.string({ pattern: NAME_PATTERN, allowTokens: false }),
  identifier: () => s.string({ pattern: IDENTIFIER_PATTERN, allowTokens: false }),
  variableName: () => s.string({ pattern: VARIABLE_NAME_PATTERN }),
  hostname: () => s.string({ pattern: HOSTNAME_PATTERN, maxLength: 253 }),
  domain: () => s.string({ pattern: DOMAIN_PATTERN, maxLength: 253 }),
  awsRegion: () => new AwsRegionSchema(),
  routePath: () =>
    s.string({ pattern: ROUTE_PATH_PATTERN }).refine((value, path, issues) => {
      const problem = value.startsWith("~") && !isToken(value) ? regexProblem(value.slice(1)) : undefined;
      if (problem) issues.push({ path, message: `${JSON.stringify(value)} is not a regex Kong's router compiles: ${problem}` });
    }),
  headerName: () => s.string({ pattern: HEADER_NAME_PATTERN }),
  kongHeaderName: () => s.string({ pattern: KONG_HEADER_NAME_PATTERN }),
  kongPath: () => s.string({ pattern: KONG_PATH_PATTERN }),
  /** A host to connect to: DNS name without wildcard, IPv4 or IPv6. */
  hostOrIp: () => predicateString(isHostOrIp, "a host name (no wildcard) or an IP address"),
  /** A TLS server name (SNI): a DNS name without wildcard. */
  serverName: () => predicateString((v) => !v.startsWith("*.") && HOSTNAME_PATTERN.regex.test(v), "a server name (a DNS name without wildcard)"),
  ipOrCidr: () => predicateString(isIpOrCidr, "an IP address or CIDR block"),
  cidr: () => predicateString(isCidr, "a CIDR block such as 10.0.0.0/16"),
  /** True for a whole-value Kong secret reference. Kong resolves only whole values, never one embedded in a string. */
  isSecretReference: (value: string) => SECRET_REFERENCE_PATTERN.regex.test(value),
  /** A secret: only a Kong secret reference or a Terraform reference (token) is accepted, never a literal. */
  /**
   * A secret in a plugin's config: a Kong secret reference, a Terraform reference, or `{ variable:
   * <name> }`, a sensitive Terraform variable that KongGateway interpolates at apply. Never a literal.
   */
  pluginSecret: () =>
    s.union<string | { readonly variable: string }>(
      [formats.secretReference(), s.object({ variable: formats.variableName() })],
      "a secret: a Kong secret reference such as {vault://env/my-secret}, or { variable: <name> } (a sensitive Terraform variable); never written in clear",
    ),
  secretReference: () =>
    s.string().refine((value, path, issues) => {
      if (isToken(value) || SECRET_REFERENCE_PATTERN.regex.test(value)) return;
      issues.push({
        path,
        message:
          "is a secret and must not be written in clear: use a Kong secret reference such as " +
          "{vault://env/my-secret} (or a Terraform reference from a secret store)",
      });
    }),
};
