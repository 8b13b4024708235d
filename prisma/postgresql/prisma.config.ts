import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The PostgreSQL side of the Prisma 6.19 offline recipe (docs/decisions/0008-postgresql.md):
// the schema is generated from prisma/schema.prisma (npm run db:pg-schema); the CLI reaches the
// database through the pg driver adapter and its bundled WebAssembly engine.
const connectionString = process.env.DATABASE_URL ?? "postgresql://localhost/laeringsloop";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () => new PrismaPg({ connectionString }),
});
