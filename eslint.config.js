import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './scripts/eslint/boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'dist-bench',
      'dist-peers',
      'data',
      'test-results',
      'playwright-report',
      'node_modules',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/sw.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: [
      'src/server/**/*.ts',
      'scripts/**/*.mjs',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'test/**/*.ts',
      '*.config.{ts,js}',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The folders of src depend on each other in one direction (scripts/eslint/boundaries.mjs).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { outpost: { rules: { boundaries } } },
    rules: { 'outpost/boundaries': 'error' },
  },
  {
    // The engine reaches the device's tables only through src/db, the one module that owns
    // them (records, outbox, watermark, cursor, conflicts, status): no Dexie table in the sync
    // engine, the conflict resolution or the account switching that sit on top of it.
    files: ['src/sync/**/*.ts', 'src/conflicts/**/*.ts', 'src/accounts/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^(notes|contacts|outbox|conflicts|syncState|drafts|typing|typingStored|table|records|recordTables|transaction)$/][object.name=/^(db|this)$/]',
          message:
            'The engine reaches the device tables only through the functions of src/db (the store).',
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
