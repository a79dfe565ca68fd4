import assert from "node:assert/strict";
import { RunningAdminApiDouble } from "./start";

/** What a client of a site sees, as its Admin API lists it: ids and timestamps dropped, references by name. */
export interface Catalog {
  readonly services: Record<string, unknown>[];
  readonly routes: Record<string, unknown>[];
  readonly plugins: Record<string, unknown>[];
  readonly consumers: Record<string, unknown>[];
  readonly keys: Record<string, unknown>[];
  readonly basicAuths: Record<string, unknown>[];
  readonly acls: Record<string, unknown>[];
}

/** Reads a site's catalog back through its Admin API (the double), so two sites can be compared. */
export async function catalogOf(double: RunningAdminApiDouble): Promise<Catalog> {
  const list = async (path: string) => {
    const { status, json } = await double.get(path);
    assert.equal(status, 200, `${path}: ${JSON.stringify(json)}`);
    return json.data as Record<string, unknown>[];
  };
  const names = new Map<string, string>();
  for (const e of [...(await list("/services")), ...(await list("/routes")), ...(await list("/consumers"))]) {
    names.set(e.id as string, (e.name ?? e.username) as string);
  }
  const plain = (e: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) {
      if (["id", "created_at", "updated_at", "tags"].includes(k)) continue;
      out[k] = v && typeof v === "object" && "id" in v ? names.get((v as { id: string }).id) : v;
    }
    return out;
  };
  // In a stable order: the provider creates entities side by side, so each site lists them in its own.
  const inOrder = (entities: Record<string, unknown>[]) => entities.map(plain).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const sorted = async (path: string) => inOrder(await list(path));
  const consumers = await list("/consumers");
  const credentials = async (kind: string) => inOrder((await Promise.all(consumers.map((c) => list(`/consumers/${c.id}/${kind}`)))).flat());
  return {
    services: await sorted("/services"),
    routes: await sorted("/routes"),
    plugins: await sorted("/plugins"),
    consumers: inOrder(consumers),
    keys: await credentials("key-auth"),
    // Kong keeps a basic-auth password as a hash salted with the consumer's id (which differs per
    // site): the username is what two sites can share, the password is what the provider sent.
    basicAuths: (await credentials("basic-auth")).map(({ password: _password, ...rest }) => rest),
    acls: await credentials("acls"),
  };
}
