import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "src/generated", "data", "dist", "coverage", ".e2e"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["src/domain/**/*.ts", "src/lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["botbuilder*", "@microsoft/*", "@prisma/*", "prisma", "node-cron", "*/generated/*", "../store/*", "../teams/*", "../scheduler/*", "../cards/*"] }],
    },
  },
  {
    files: ["scripts/**/*.ts", "test/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
