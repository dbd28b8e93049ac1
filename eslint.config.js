// ESLint (flat config): catches real problems (unused code, unhandled promises, `any` leaking through),
// not taste. Layout is Prettier's job (.prettierrc.json), the layers dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'docs/api/',
    'node_modules/',
    'coverage/',
    'out/',
    '.prof/',
    // Generated from docs/notebook.ipynb (tests/project/notebook.test.ts) and run against the built dist/.
    'scripts/notebook-equivalent.mts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      // Type-aware rules use tsconfig.json's program; files outside it are linted without types (below).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks a binding kept on purpose (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Every hit was String() of a value typed unknown (user input echoed in a message, a CSV cell), on purpose;
      // objects slipped into template literals are still caught by restrict-template-expressions.
      '@typescript-eslint/no-base-to-string': 'off',
      // The hits implement interfaces that return a promise (SourceReader.read, Command.run): `async` keeps a
      // throw a rejection and spares Promise.resolve() wrappers.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests read the JSON a command printed (JSON.parse gives any) and the expect() after it is the check;
      // typing each parse would add casts, not safety.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests destructure module namespaces (node:path's join is declared as a method) and hand methods to expect().
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Not in tsconfig.json (bench/, the .mjs scripts, config files): no type information to lint with.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
