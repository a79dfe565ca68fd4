/**
 * decK consumers: the `consumers:` list with their credentials (key-auth, basic-auth, ACL groups,
 * RSA/ECDSA/EdDSA JWT) and nested plugins. Keys and passwords become sensitive variables.
 */
import { consumerSchema } from "../gateway/catalog";
import { DeckContext } from "./deck-context";
import { FieldRule, isEmpty, Json, PROVIDER, same, unsupportedUnless, variableName, withoutDefaults } from "./deck-fields";
import { readPlugin } from "./deck-plugins";

/**
 * Reads the `consumers:` list. Consumers keep their decK ID as `__id` (for references from top-level
 * plugins) until the import drops it.
 */
export function readConsumers(ctx: DeckContext, value: unknown): Json[] {
  return ctx.list(value, ["consumers"], "consumers").map((c, i) => readConsumer(ctx, c, i));
}

function readConsumer(ctx: DeckContext, source: Json, i: number): Json {
  const path = ["consumers", i];
  ctx.origin(`consumers[${i}]`, path);
  const rules: { [name: string]: FieldRule } = {
    ...same("username", "custom_id", "tags"),
    keyauth_credentials: "custom",
    basicauth_credentials: "custom",
    acls: "custom",
    jwt_secrets: "custom",
    plugins: "custom",
    hmacauth_credentials: unsupportedUnless(isEmpty, "HMAC credentials are not supported by the catalog"),
    oauth2_credentials: "custom",
    mtls_auth_credentials: unsupportedUnless(
      isEmpty,
      "mtls-auth credentials are not supported: map clients to consumers by certificate CN (mtls-auth consumer_by)",
    ),
    groups: unsupportedUnless(isEmpty, "consumer groups are not supported (the provider has no consumer-group resource)"),
  };
  const consumer = ctx.fields(source, rules, path, "consumer");
  const who = String(source.username ?? source.custom_id ?? i);
  if (typeof source.id === "string") consumer.__id = source.id;

  const keyAuth = ctx.list(source.keyauth_credentials, [...path, "keyauth_credentials"], "credentials").map((c, j) => {
    const at = [...path, "keyauth_credentials", j];
    const keyAuthRules: { [name: string]: FieldRule } = {
      tags: { to: "tags" },
      key: "custom",
      ttl: unsupportedUnless(isEmpty, `${PROVIDER} cannot set a key's ttl`),
    };
    const credential = ctx.fields(c, keyAuthRules, at, "key-auth credential");
    if (typeof c.key === "string") {
      credential.key = ctx.secret(
        [...at, "key"],
        variableName("consumer", who, "key_auth", j),
        `key-auth key of consumer ${who}: set it to the key clients send today so they keep working`,
      );
    }
    return credential;
  });
  if (keyAuth.length) consumer.keyAuth = keyAuth;

  const basicAuth = ctx.list(source.basicauth_credentials, [...path, "basicauth_credentials"], "credentials").map((c, j) => {
    const at = [...path, "basicauth_credentials", j];
    const credential = ctx.fields(c, { username: { to: "username" }, tags: { to: "tags" }, password: "custom" }, at, "basic-auth credential");
    if (c.password === undefined || c.password === null) {
      ctx.error(at, "needs a password: the catalog creates the credential with one");
    } else {
      credential.password = ctx.secret(
        [...at, "password"],
        variableName("consumer", who, "basic_auth", String(c.username ?? j)),
        `basic-auth password of consumer ${who}: set it to the clear password (decK exports Kong's hash, which cannot be used)`,
      );
    }
    return credential;
  });
  if (basicAuth.length) consumer.basicAuth = basicAuth;

  const acls = ctx.list(source.acls, [...path, "acls"], "ACL groups").map((c, j) => {
    ctx.fields(c, { group: "custom", tags: "custom" }, [...path, "acls", j], "ACL");
    if (Array.isArray(c.tags) && c.tags.length) ctx.warn([...path, "acls", j, "tags"], "ACL tags are not carried over: the catalog lists groups by name");
    return c.group;
  });
  if (acls.length) consumer.acls = acls;

  const jwt = ctx.list(source.jwt_secrets, [...path, "jwt_secrets"], "credentials").flatMap((c, j) => {
    const at = [...path, "jwt_secrets", j];
    const algorithm = typeof c.algorithm === "string" ? c.algorithm : "HS256";
    if (algorithm.startsWith("HS")) {
      ctx.unsupported(
        [...at, "algorithm"],
        `${algorithm} JWT credentials verify with a shared secret, which the catalog does not hold: use an RSA, ECDSA or EdDSA key pair`,
      );
      return [];
    }
    const credential = ctx.fields(c, { ...same("key", "algorithm", "rsa_public_key", "tags"), secret: "custom" }, at, "JWT credential");
    if (typeof c.secret === "string" && c.secret) {
      ctx.warn([...at, "secret"], `the JWT secret is not carried over: ${algorithm} verifies with rsa_public_key`);
    }
    return [credential];
  });
  if (jwt.length) consumer.jwt = jwt;

  const oauth2 = ctx.list(source.oauth2_credentials, [...path, "oauth2_credentials"], "credentials").map((c, j) => {
    const at = [...path, "oauth2_credentials", j];
    const credential = ctx.fields(
      c,
      {
        name: { to: "name" },
        client_id: { to: "clientId" },
        hash_secret: { to: "hashSecret" },
        redirect_uris: { to: "redirectUris" },
        tags: { to: "tags" },
        client_secret: "custom",
        client_type: unsupportedUnless((v) => v === null || v === undefined || v === "confidential", `${PROVIDER} creates confidential clients only`),
      },
      at,
      "OAuth2 credential",
    );
    if (typeof c.client_secret === "string" && c.client_secret) {
      credential.clientSecret = ctx.secret(
        [...at, "client_secret"],
        variableName("consumer", who, "oauth2", String(c.name ?? j)),
        `OAuth2 client secret of consumer ${who}: set it to the secret the client uses today so it keeps working`,
      );
    }
    return credential;
  });
  if (oauth2.length) consumer.oauth2 = oauth2;

  const plugins = ctx
    .list(source.plugins, [...path, "plugins"], "plugins")
    .map((p, k) => readPlugin(ctx, p, [...path, "plugins", k], `consumers[${i}].plugins[${k}]`));
  if (plugins.length) consumer.plugins = plugins;
  return withoutDefaults(consumer, consumerSchema);
}
