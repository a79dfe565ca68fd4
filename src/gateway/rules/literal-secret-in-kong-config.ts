import { TerraformElement, Token } from "cdktf";
import { IConstruct } from "constructs";
import { formats } from "../../core/formats";
import { isProvider, isResource } from "../../core/construct-kinds";
import { defineRule } from "../../core/rules/rule";
import { argumentOf } from "../../core/rules/terraform-arguments";

/** Credential arguments of the kevholditch/kong resources and provider (`kong`). */
export const KONG_SECRET_ARGUMENTS: { readonly [type: string]: readonly string[] } = {
  kong_consumer_key_auth: ["key"],
  kong_consumer_basic_auth: ["password"],
  kong_consumer_jwt_auth: ["secret"],
  kong_consumer_oauth2: ["client_secret"],
  kong_certificate: ["private_key"],
  kong: ["kong_admin_token", "kong_admin_password", "kong_api_key"],
};

/** Plugin config fields that hold secrets (Kong's own names: password, client_secret, api_key, session_secret, ...). */
const SECRET_FIELD = /(^|_)(password|passwd|secret|token|api_?key|private_key|access_key|secret_key)$/i;
/** Headers whose value is a credential. */
const SECRET_HEADER = /^(authorization|proxy-authorization|x-api-key|apikey|x-auth-token|x-splunk-token)$/i;
/** `scheme://user:password@host` */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/**
 * A literal: not a Terraform reference (variable, resource attribute) and not a Kong `{vault://...}`
 * reference. Kong resolves only whole-value references, so "Splunk {vault://env/x}" is sent as is.
 */
function isLiteral(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && !Token.isUnresolved(value) && !formats.isSecretReference(value);
}

/** The paths in a plugin config that carry a literal secret. */
function literalSecretsIn(value: unknown, path: string, found: string[], inHeaders = false): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => literalSecretsIn(v, `${path}[${i}]`, found, inHeaders));
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const secretByName = inHeaders ? SECRET_HEADER.test(key) : SECRET_FIELD.test(key);
      const values = Array.isArray(v) ? v : [v];
      if (secretByName && values.some(isLiteral)) found.push(at);
      else literalSecretsIn(v, at, found, key === "headers");
    }
    return;
  }
  if (isLiteral(value) && URL_WITH_PASSWORD.test(value)) found.push(`${path} (password in the URL)`);
}

const secretsByConfig = new Map<string, readonly string[]>();
/** Enough for any estate; a long-lived process (a test run) starts over past it. */
const MAX_REMEMBERED_CONFIGS = 10_000;

/**
 * The paths of the literal secrets in a plugin's config_json. They depend on the text alone (tokens
 * are recognized by their text), and an estate repeats the same config on many services and every
 * site (200 services on 3 sites: 1,356 plugins, 211 configs), so each text is parsed once.
 */
function literalSecretsInConfig(configJson: string): readonly string[] {
  let found = secretsByConfig.get(configJson);
  if (found === undefined) {
    const paths: string[] = [];
    let config: unknown;
    try {
      // Tokens inside the JSON (variables, references) are strings too: the parse still works.
      config = JSON.parse(configJson);
    } catch {
      // Not JSON: Terraform's validation reports it, this rule has nothing to read.
    }
    literalSecretsIn(config, "", paths);
    if (secretsByConfig.size >= MAX_REMEMBERED_CONFIGS) secretsByConfig.clear();
    secretsByConfig.set(configJson, (found = paths));
  }
  return found;
}

function elementType(node: IConstruct): string | undefined {
  if (isResource(node) || isProvider(node)) return node.terraformResourceType;
  return undefined;
}

export const literalSecretInKongConfig = defineRule<TerraformElement>({
  id: "KHA-SEC-003",
  name: "literal-secret-in-kong-config",
  level: "error",
  cause: "A Kong credential or plugin secret is written into the configuration as a literal.",
  explanation:
    "A literal ends up in the synthesized `cdk.tf.json`, in version control next to it, in every plan " +
    "and in the Terraform state, readable by whoever can read any of them, and it cannot be rotated " +
    "without a code change. The topology loader and the plugin builders refuse literals already; this " +
    "rule checks what is actually synthesized, so it also catches custom plugins " +
    "(`PluginRegistry.register`), escape hatches and hand-written resources: consumer credentials " +
    "(key-auth keys, basic-auth passwords, JWT and OAuth2 secrets), certificate private keys, the Kong " +
    "provider's Admin API credentials, plugin fields such as `password`, `client_secret` or `api_key`, " +
    "credential headers (`Authorization`, `apikey`, ...) and passwords inside URLs.",
  fix:
    "Pass a reference instead: a sensitive Terraform variable (`{ variable: <name> }` in the topology), a Kong " +
    "vault reference such as `{vault://env/<name>}`, or, for the provider, the KONG_ADMIN_* environment of the run.",
  appliesTo: (node: IConstruct): node is TerraformElement => {
    const type = elementType(node);
    return type !== undefined && (type === "kong_plugin" || KONG_SECRET_ARGUMENTS[type] !== undefined);
  },
  targets: { terraformTypes: ["kong_plugin", ...Object.keys(KONG_SECRET_ARGUMENTS)] },
  check: (element) => {
    const type = elementType(element)!;
    const label = isProvider(element) ? `${type} provider "${element.node.id}"` : `${type} "${element.node.id}"`;
    if (type === "kong_plugin") {
      const configJson = argumentOf(element, "config_json");
      const name = argumentOf(element, "name");
      if (typeof configJson !== "string") return [];
      return literalSecretsInConfig(configJson).map((path) => `${label} (${String(name)}) has a literal secret at config.${path}.`);
    }
    return KONG_SECRET_ARGUMENTS[type].filter((arg) => isLiteral(argumentOf(element, arg))).map((arg) => `${label} has a literal ${arg}.`);
  },
});
