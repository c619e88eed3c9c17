import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. Migrations are applied by `npm run db:migrate`
// (scripts/db-migrate.ts), which needs no downloaded engine; see docs/decisions/001.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
});
