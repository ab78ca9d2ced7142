// Lint, and the boundaries of DESIGN.md: core and shared never import electron; the
// renderer never imports Node or main-process code; shared imports nothing process-specific.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// The core judges passwords through platform/password-strength, whose thread alone loads zxcvbn
// and its 24 MB of dictionaries: never the core's own thread, which serves the phones too.
const ZXCVBN_ON_ITS_THREAD = {
  group: ['@zxcvbn-ts/*', '**/src-shared/password-score.mjs', '**/src-shared/password-assess'],
  message: "zxcvbn's dictionaries stay on the scoring thread: judge passwords with platform/password-strength.",
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/artifacts/**', 'build/native/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['src-main/core/**', 'src-main/lan/**', 'src-main/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core, lan and cli run in plain Node: never import electron here.' }],
          patterns: [
            { group: ['**/electron/**', '**/src-renderer/**', '**/src-preload/**'], message: 'core must not depend on an adapter.' },
            ZXCVBN_ON_ITS_THREAD,
          ],
        },
      ],
    },
  },
  {
    // The scoring thread is where zxcvbn's dictionaries are loaded.
    files: ['src-main/core/platform/password-strength/password-score-worker.mjs'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-shared runs anywhere: no electron.' }, ...nodeBuiltins.map((name) => ({ name, message: 'src-shared runs anywhere: no Node built-ins.' }))],
          patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], message: 'src-shared depends on nothing else in the app.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks to main only through window.vault.' }, ...nodeBuiltins.map((name) => ({ name, message: 'the renderer is a sandboxed page: no Node.' }))],
          patterns: [
            { group: ['**/src-main/**', '**/src-preload/**'], message: 'the renderer may import src-shared only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'require', 'process', '__dirname', 'Buffer'],
      // Who may do what is the access table's: ask `useSession().can(channel)`, never a role by name.
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > Literal[value=/^(admin|manager|viewer)$/]",
          message: 'No role literals in the renderer: use can(channel) from the session (src-shared/access).',
        },
        {
          selector: "ArrayExpression > Literal[value=/^(admin|manager|viewer)$/]",
          message: 'No lists of roles in the renderer: use ROLES from src-shared/domain, or can(channel).',
        },
      ],
    },
  },
  {
    // A handler translates between the contract and its module's services; SQL, keys and
    // rules live in the services and repositories.
    files: ['src-main/core/modules/*/handlers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/platform/**', './repository*', '**/repository*', 'better-sqlite3*', 'node:*'], message: 'handlers only translate: call the module service instead.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(prepare|exec|pragma|transaction|tx|audit)$/]", message: 'handlers only translate: SQL, transactions and audit entries belong in the service.' },
        { selector: 'ThrowStatement', message: 'handlers only translate: refusals belong in the service.' },
        { selector: 'IfStatement', message: 'handlers only translate: decisions belong in the service.' },
      ],
    },
  },
  {
    files: ['src-preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'the preload knows only the contract.' }] }],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
