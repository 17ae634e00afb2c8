import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = [
  'dashboard',
  'districts',
  'credentials',
  'schools',
  'courses',
  'licenses',
  'imports',
  'license-why',
  'readiness',
  'term-dates',
  'sticky-licenses',
  'schedule',
  'safety-settings',
  'audit',
  'notifications',
];

// bulletproof-react's unidirectional architecture: shared -> features -> app.
// A feature never imports another feature (the app composes them); shared code never imports features or the app.
const boundaryZones = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features do not import each other: compose them in src/app, or move shared code to src/components, src/lib or src/api.',
  })),
  {
    target: './src/features',
    from: './src/app',
    message: 'Features must not import from the app layer.',
  },
  {
    target: ['./src/components', './src/lib', './src/api', './src/config'],
    from: ['./src/features', './src/app'],
    message: 'Shared code must not depend on features or the app layer.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'src/api/schema.d.ts', 'coverage'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.app.json' } },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'e2e/**/*.mjs', '*.config.{js,cjs,ts}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.node },
  },
);
