/** Jest in ESM mode (msw and openapi-fetch are ESM); ts-jest only transpiles: `tsc --noEmit` type-checks. */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // .ci/run counts passed/failed from this file (JEST_RESULTS_FILE); a no-op otherwise.
  testResultsProcessor: "<rootDir>/scripts/ci/jest-results.cjs",
  moduleNameMapper: {
    // Tests may import the package by name, as users do.
    "^asana-fetch$": "<rootDir>/src/index.ts",
    "^asana-fetch/testing$": "<rootDir>/src/testing/index.ts",
    "^asana-fetch/testing/node$": "<rootDir>/src/testing/node.ts",
    "^asana-fetch/redis$": "<rootDir>/src/redis/index.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json", diagnostics: false }],
  },
};
