import { readFileSync } from "node:fs";
import { request } from "node:https";
import { rootCertificates } from "node:tls";
import { KONG_ADMIN_USER } from "../site/kong-admin-api";

/** What one site's Admin API must be before its gateway stack is applied. */
export interface PreflightTarget {
  /** The site, for the report. */
  readonly site: string;
  /** The Admin API, as the gateway stack's kong provider calls it (`https://...:8444`). */
  readonly url: string;
  /** The Kong version the estate expects (`3.9`): the Admin API's reported version must start with it. */
  readonly kongVersion: string;
  /** `rbac` for Kong Enterprise (`Kong-Admin-Token`), `basic` for OSS (user `kong-admin`). */
  readonly auth: "basic" | "rbac";
}

/** The result for one site: a line of what holds, or one line per problem. */
export interface PreflightResult {
  readonly site: string;
  readonly ok?: string;
  readonly problems: readonly string[];
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * The certificates the kong provider trusts, as Go reads them: the file in `SSL_CERT_FILE` when set
 * (it replaces the system's), else the system roots (Node's bundled list stands for them).
 */
function trustedCertificates(env: NodeJS.ProcessEnv): { ca: string[] | string; from: string } {
  const file = env.SSL_CERT_FILE;
  if (!file) return { ca: [...rootCertificates], from: "the system's CA certificates" };
  return { ca: readFileSync(file, "utf8"), from: `SSL_CERT_FILE (${file})` };
}

/** The headers the kong provider sends from the environment of the run. */
function credentialHeaders(env: NodeJS.ProcessEnv, target: PreflightTarget): { headers: Record<string, string>; named?: string } {
  if (target.auth === "rbac") {
    return env.KONG_ADMIN_TOKEN ? { headers: { "kong-admin-token": env.KONG_ADMIN_TOKEN }, named: "KONG_ADMIN_TOKEN" } : { headers: {} };
  }
  if (env.KONG_ADMIN_PASSWORD) {
    const user = env.KONG_ADMIN_USERNAME || KONG_ADMIN_USER;
    return { headers: { authorization: `Basic ${Buffer.from(`${user}:${env.KONG_ADMIN_PASSWORD}`).toString("base64")}` }, named: "KONG_ADMIN_PASSWORD" };
  }
  return { headers: {} };
}

function get(url: URL, ca: string[] | string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", ca, headers: { accept: "application/json", ...headers }, timeout: timeoutMs }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: "ETIMEDOUT" })));
    req.on("error", reject);
    req.end();
  });
}

const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Checks one site's Admin API the way its gateway apply will use it: reachable, serving a certificate
 * the run trusts, refusing a request without the credential, accepting the run's credential, and
 * running the expected Kong version. Never sends the credential over a connection it could not verify.
 */
export async function preflightSite(target: PreflightTarget, env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<PreflightResult> {
  const prefix = `${target.site} ${target.url}`;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return { site: target.site, problems: [`${prefix}: not a URL`] };
  }
  if (url.protocol !== "https:") return { site: target.site, problems: [`${prefix}: not https: the Admin API credential would travel in clear`] };
  let trust: ReturnType<typeof trustedCertificates>;
  try {
    trust = trustedCertificates(env);
  } catch (error) {
    return { site: target.site, problems: [`${prefix}: cannot read SSL_CERT_FILE: ${(error as Error).message}`] };
  }
  let anonymous: Answer;
  try {
    anonymous = await get(new URL("/", url), trust.ca, {}, timeoutMs);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code && NETWORK_CODES.has(e.code)) {
      return {
        site: target.site,
        problems: [
          `${prefix}: not reachable from here (${e.code}: ${e.message}); run from a network that reaches the internal load balancer (docs/HA.md, The deploy path)`,
        ],
      };
    }
    return {
      site: target.site,
      problems: [
        `${prefix}: certificate not trusted (${e.code ?? e.message}) against ${trust.from}; the kong provider would refuse it too: add the estate CA to SSL_CERT_FILE`,
      ],
    };
  }
  const problems: string[] = [];
  if (anonymous.status !== 401) {
    problems.push(
      `${prefix}: answers ${anonymous.status} to a request without credentials: anyone who reaches it can rewrite the gateway; protect it (docs/HA.md, The Admin API)`,
    );
  }
  const { headers, named } = credentialHeaders(env, target);
  if (!named) {
    problems.push(
      `${prefix}: no Admin API credential in the environment: set ${target.auth === "rbac" ? "KONG_ADMIN_TOKEN" : "KONG_ADMIN_USERNAME=kong-admin and KONG_ADMIN_PASSWORD"} from the site's admin credential secret`,
    );
    return { site: target.site, problems };
  }
  const answer = await get(new URL("/", url), trust.ca, headers, timeoutMs).catch((error: Error) => ({ status: 0, body: error.message }));
  if (answer.status !== 200) {
    problems.push(`${prefix}: refuses the credential in ${named} (HTTP ${answer.status}): it must be the value of the site's admin credential secret`);
    return { site: target.site, problems };
  }
  let version: unknown;
  try {
    version = (JSON.parse(answer.body) as { version?: unknown }).version;
  } catch {
    version = undefined;
  }
  if (typeof version !== "string") {
    problems.push(`${prefix}: GET / does not report a Kong version: is this Kong's Admin API?`);
  } else if (!version.startsWith(`${target.kongVersion}.`)) {
    problems.push(
      `${prefix}: runs Kong ${version}, the estate expects ${target.kongVersion}.x: upgrade the site (docs/HA.md, Upgrading Kong) before applying its catalog`,
    );
  }
  if (problems.length) return { site: target.site, problems };
  return { site: target.site, ok: `${prefix}: reachable, trusted (${trust.from}), refuses anonymous requests, accepts ${named}, Kong ${version}`, problems };
}
