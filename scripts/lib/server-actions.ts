// Calling a server action over HTTP exactly as Next.js' client does from a form with
// useActionState: the action's id (from the build's manifest) in the Next-Action header, and the
// arguments [previousState, formData] encoded by React's own encoder. Used by the benchmark and
// by tests that send requests without a browser.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export interface ActionRequest {
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The id Next.js gave the server action `exportedName` of `filename` (e.g. "app/mypatients/patient-actions.ts"). */
export async function serverActionId(filename: string, exportedName: string, manifestPath = ".next/server/server-reference-manifest.json"): Promise<string> {
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`server action ${filename}#${exportedName} is not in the build`);
  return found[0];
}

/** Every server action in the build: its id, file and exported name. */
export async function allServerActions(manifestPath = ".next/server/server-reference-manifest.json"): Promise<{ id: string; filename: string; exportedName: string }[]> {
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, filename: entry.filename ?? "", exportedName: entry.exportedName ?? "" }));
}

/**
 * The request a form's submission to `actionId` on page `path` sends. `args` are the action's
 * arguments before the form data (for useActionState: the previous state); omit `fields` for an
 * action called without form data.
 */
export async function serverActionRequest(
  path: string,
  actionId: string,
  fields: Record<string, string> | null,
  headers: Record<string, string>,
  args: unknown[] = [{ ok: false }],
): Promise<ActionRequest> {
  // React's own encoder of server action arguments, as Next.js' client uses it.
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
    encodeReply: (value: unknown) => Promise<FormData | string>;
  };
  let payload: unknown[] = args;
  if (fields) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    payload = [...args, form];
  }
  const response = new Response(await encodeReply(payload));
  const body = Buffer.from(await response.arrayBuffer());
  return {
    method: "POST",
    path,
    headers: { ...headers, "next-action": actionId, accept: "text/x-component", "content-type": response.headers.get("content-type")!, "content-length": String(body.length) },
    body,
  };
}
