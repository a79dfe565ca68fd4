import { readFileSync } from "node:fs";
import { AdminApiDouble } from "./admin-api-double";

// `node --import tsx test/support/kong-admin-double/main.ts` with KONG_ADMIN_DOUBLE set to a JSON
// object { port?, edition?, tlsCertFile?, tlsKeyFile?, basicAuth?, adminToken? }: prints one line
// `listening <url>` on stdout when it accepts requests, or `error: <reason>` on stderr and exits 1.

interface Config {
  readonly port?: number;
  readonly edition?: "oss" | "enterprise";
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  readonly adminToken?: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.KONG_ADMIN_DOUBLE ?? "{}") as Config;
  const tls =
    config.tlsCertFile && config.tlsKeyFile ? { cert: readFileSync(config.tlsCertFile, "utf8"), key: readFileSync(config.tlsKeyFile, "utf8") } : undefined;
  const double = new AdminApiDouble({ edition: config.edition, tls, basicAuth: config.basicAuth, adminToken: config.adminToken });
  const url = await double.listen(config.port ?? 0);
  process.stdout.write(`listening ${url}\n`);
  const stop = () => void double.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: NodeJS.ErrnoException) => {
  process.stderr.write(`error: ${error.code === "EADDRINUSE" ? `port ${JSON.parse(process.env.KONG_ADMIN_DOUBLE ?? "{}").port} is in use` : error.message}\n`);
  process.exit(1);
});
