/**
 * decK certificates: the `certificates:` list, each named after its first SNI, its private key made a
 * sensitive variable. Records each certificate's decK ID for services' client_certificate.
 */
import { IDENTIFIER_PATTERN } from "../core/formats";
import { isPlainObject } from "../core/schema";
import { DeckContext } from "./deck-context";
import { FieldRule, isEmpty, Json, PROVIDER, unsupportedUnless, variableName } from "./deck-fields";

/** An identifier (the certificate name format) from free text such as an SNI. */
function identifierFrom(text: string): string | undefined {
  const id = text
    .toLowerCase()
    .replace(/^\*\./, "wildcard-")
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return IDENTIFIER_PATTERN.regex.test(id) ? id : undefined;
}

/** Reads the `certificates:` list, giving each a unique name (a `-2`, `-3`, ... suffix on a clash). */
export function readCertificates(ctx: DeckContext, value: unknown): Json[] {
  const names = new Set<string>();
  return ctx.list(value, ["certificates"], "certificates").map((c, i) => readCertificate(ctx, names, c, i));
}

function readCertificate(ctx: DeckContext, certificateNames: Set<string>, source: Json, i: number): Json {
  const path = ["certificates", i];
  ctx.origin(`certificates[${i}]`, path);
  const rules: { [name: string]: FieldRule } = {
    cert: { to: "certificate" },
    tags: { to: "tags" },
    key: "custom",
    snis: "custom",
    cert_alt: unsupportedUnless(isEmpty, `${PROVIDER} takes one certificate per entry: import the alternate (cert_alt/key_alt) as its own certificate`),
    key_alt: unsupportedUnless(isEmpty, `${PROVIDER} takes one certificate per entry: import the alternate (cert_alt/key_alt) as its own certificate`),
  };
  const certificate = ctx.fields(source, rules, path, "certificate");
  // decK writes SNIs as { name } maps; plain names are accepted too.
  const snis = (Array.isArray(source.snis) ? source.snis : [])
    .map((sni: unknown) => (isPlainObject(sni) ? sni.name : sni))
    .filter((sni) => typeof sni === "string");
  let name = (typeof snis[0] === "string" && identifierFrom(snis[0])) || `certificate-${i + 1}`;
  for (let n = 2; certificateNames.has(name); n++) name = `${name.replace(/-\d+$/, "")}-${n}`;
  certificateNames.add(name);
  if (typeof source.id === "string") ctx.certificateIds.set(source.id, name);
  const out: Json = { name, ...certificate };
  if (snis.length) out.snis = snis;
  if (source.key === undefined || source.key === null) {
    ctx.error(path, "needs a key: the catalog uploads the certificate with its private key");
  } else {
    out.privateKey = ctx.secret(
      [...path, "key"],
      variableName("certificate", name, "private_key"),
      `private key of certificate ${name}: set it to the PEM key, or keep the key in a secret store and pass a reference`,
    );
  }
  return out;
}
