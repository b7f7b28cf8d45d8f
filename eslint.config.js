// Lint: typescript-eslint's recommended rules, with the exceptions this codebase makes on purpose.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'scratch/', 'data/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // migrations and tests handle untyped shapes (Kysely<any>, JSON bodies)
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // money and quantities must stay exact: no binary floating point parsing
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Use the decimal types in src/core/decimal.ts.' }],
      'no-restricted-properties': ['error', { object: 'Number', property: 'parseFloat', message: 'Use src/core/decimal.ts.' }],
    },
  },
);
