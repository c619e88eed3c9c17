// Runs `prisma generate` with no network. Generate never runs the schema engine, but the
// CLI insists that one exists before it starts, and would download it: point it at a file
// that exists (docs/decisions/001-offline-migrations.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const placeholder = fileURLToPath(import.meta.url);
const result = spawnSync("prisma", ["generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  shell: false,
});
process.exit(result.status ?? 1);
