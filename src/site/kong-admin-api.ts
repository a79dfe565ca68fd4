/**
 * How Kong's Admin API refuses a request that does not carry the estate's Admin API credential.
 *
 * Kong OSS has no Admin API authentication of its own. Kong's documentation ("Securing the Admin
 * API") names the ways to protect it: restrict the network path (the internal load balancer and its
 * security group already do), the Admin API loopback through the proxy, or Nginx's own
 * authentication in the Admin API's server block. The library takes the last: Kong injects
 * `nginx_admin_*` settings into that block, so `auth_basic` makes Nginx answer 401 to any request
 * without the password, before Kong sees it. The kong provider sends it from `KONG_ADMIN_USERNAME`
 * and `KONG_ADMIN_PASSWORD` in the environment of the run.
 *
 * Kong Enterprise: RBAC (`enforce_rbac = on`). `kong migrations bootstrap` creates the `kong_admin`
 * super admin with `KONG_PASSWORD` as its token, which the kong provider sends from
 * `KONG_ADMIN_TOKEN` as `Kong-Admin-Token`.
 */

import { KongEdition } from "../gateway/plugins/plugin-definition";

/** The user name of the OSS Admin API's basic authentication. */
export const KONG_ADMIN_USER = "kong-admin";

/** Where the init container writes the password file the Admin API's Nginx reads (task storage). */
export const ADMIN_PASSWORD_FILE = "/kong-pki/admin-api.htpasswd";

/** The init container that writes the password file. */
export const ADMIN_AUTH_CONTAINER = "kong-admin-auth";

/** The environment variable the init container reads the credential from. */
const CREDENTIAL_VARIABLE = "KONG_ADMIN_CREDENTIAL";

export interface KongAdminApiAuth {
  /**
   * `basic`: Kong OSS; Nginx checks HTTP basic authentication of user `kong-admin` with the secret as
   * its password. `rbac`: Kong Enterprise; RBAC with the secret as the `kong_admin` token.
   */
  readonly kind: "basic" | "rbac";
  /**
   * The Secrets Manager secret whose whole value is the password (basic) or token (rbac): one line,
   * at least 16 characters. ECS reads it at task start; it never reaches the JSON or the state.
   */
  readonly secretArn: string;
}

/** How an edition's Admin API authenticates: Nginx basic authentication on OSS, RBAC on Enterprise. */
export function adminApiAuthKind(edition: KongEdition): KongAdminApiAuth["kind"] {
  return edition === "enterprise" ? "rbac" : "basic";
}

/** What an Admin API protection adds to the Kong task. */
export interface AdminApiAuthSettings {
  /** Settings of the Kong container. */
  readonly environment: { readonly [name: string]: string };
  /** Secrets of the `kong-migrations` container (Enterprise: the super admin's token). */
  readonly migrationSecrets: readonly { readonly name: string; readonly valueFrom: string }[];
  /** The init container that must finish before Kong starts (OSS), reading the secret. */
  readonly initContainer?: {
    readonly name: string;
    readonly command: readonly string[];
    readonly secrets: readonly { readonly name: string; readonly valueFrom: string }[];
  };
}

/**
 * The shell of the init container: refuses a credential Nginx's password file cannot hold (empty,
 * shorter than 16 characters, several lines), then writes `kong-admin:{PLAIN}<credential>` readable
 * by the kong user only.
 */
export function adminPasswordFileScript(file = ADMIN_PASSWORD_FILE): string {
  const v = `$${CREDENTIAL_VARIABLE}`;
  return [
    "set -eu",
    `case "${v}" in *'\n'*) echo "the Admin API credential secret holds several lines: store one line" >&2; exit 1;; esac`,
    // No \${...} here: Terraform would read it as an interpolation.
    `if [ "$(printf '%s' "${v}" | wc -c)" -lt 16 ]; then echo "the Admin API credential secret is shorter than 16 characters" >&2; exit 1; fi`,
    "umask 077",
    `printf '%s:{PLAIN}%s\\n' '${KONG_ADMIN_USER}' "${v}" > ${file}`,
    `chown kong ${file} 2>/dev/null || chmod 0644 ${file}`,
  ].join("\n");
}

/** The Kong task settings that make the Admin API refuse requests without the credential. */
export function adminApiAuthSettings(auth: KongAdminApiAuth): AdminApiAuthSettings {
  if (auth.kind === "rbac") {
    return {
      environment: { KONG_ENFORCE_RBAC: "on" },
      migrationSecrets: [{ name: "KONG_PASSWORD", valueFrom: auth.secretArn }],
    };
  }
  return {
    environment: {
      KONG_NGINX_ADMIN_AUTH_BASIC: '"Kong Admin API"',
      KONG_NGINX_ADMIN_AUTH_BASIC_USER_FILE: ADMIN_PASSWORD_FILE,
    },
    migrationSecrets: [],
    initContainer: {
      name: ADMIN_AUTH_CONTAINER,
      command: ["sh", "-c", adminPasswordFileScript()],
      secrets: [{ name: CREDENTIAL_VARIABLE, valueFrom: auth.secretArn }],
    },
  };
}
