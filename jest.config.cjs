/**
 * Tests are transpiled to CommonJS by ts-jest without type-checking (fast); `npm run typecheck` type-checks them.
 * Jest 29 with ts-jest rather than Jest 30 or SWC: their native resolver/compiler bindings are optional platform
 * packages that the lockfile cannot list for every platform here, which breaks `npm ci` on a clean machine.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        diagnostics: false,
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'es2022',
          esModuleInterop: true,
          isolatedModules: true,
          verbatimModuleSyntax: false,
          sourceMap: true,
        },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
};
