import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath` (relative to the root). */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  const boundaryRules = ['no-restricted-imports', '@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];
  return result!.messages.filter((message) => boundaryRules.includes(message.ruleId ?? '')).map((message) => message.message);
}

describe('the browser/server boundary (eslint.config.js)', () => {
  const cases: [file: string, code: string, refused: boolean][] = [
    ['src/widget/element/x.ts', "import { assembleRelay } from '../../server/app.js';\n", true],
    ['src/widget/element/x.ts', "import { startSandbox } from '../../dev/sandbox/sandbox.js';\n", true],
    ['src/widget/element/x.ts', "import { readFileSync } from 'node:fs';\n", true],
    ['src/widget/element/x.ts', "import { Hono } from 'hono';\n", true],
    ['src/widget/element/x.ts', "import { z } from 'zod';\n", true],
    ['src/domain/mapping/x.ts', "import { html } from 'lit';\n", true],
    ['src/protocol/x.ts', "import { MynaFetchButton } from '../widget/element/myna-fetch-button.js';\n", true],
    ['src/domain/catalog/x.ts', "import { z } from 'zod';\n", true],
    ['src/widget/element/x.ts', "import { object } from 'zod/mini';\n", true],
    ['src/protocol/x.ts', "import { object } from 'zod/mini';\n", false],
    ['src/server/x.ts', "import { MynaFetchButton } from '../widget/element/myna-fetch-button.js';\n", true],
    ['src/dev/sandbox/x.ts', "import { messagesFor } from '../../widget/i18n/index.js';\n", true],
    ['src/widget/element/x.ts', "export const used = () => import('../../server/items.js');\n", true],
    ['src/widget/element/x.ts', "import { flowResult } from '../../protocol/flows.js';\n", true],
    ['src/server/x.ts', "import { startSandbox } from '../dev/sandbox/sandbox.js';\n", true],
    ['src/server-sdk/x.ts', "import { ProblemError } from '../server/problem.js';\n", true],
    ['src/server-sdk/x.ts', "import { MynaFetchButton } from '../widget/element/myna-fetch-button.js';\n", true],
    ['src/server-sdk/x.ts', "import { startSandbox } from '../dev/sandbox/sandbox.js';\n", true],
    ['src/server-sdk/x.ts', "import { Hono } from 'hono';\n", true],
    ['src/server-sdk/x.ts', "export const used = () => import('../server/items.js');\n", true],
    ['test/browser/x.ts', "import { assembleRelay } from '../../src/server/assemble.js';\n", true],
    // What each side may use.
    ['src/widget/element/x.ts', "import type { FlowResult } from '../../protocol/index.js';\n", false],
    ['src/widget/element/x.ts', "import { flowResultCheck } from '../../protocol/answer-checks.js';\n", false],
    ['src/widget/element/x.ts', "import { catalogEntry } from '../../domain/catalog/index.js';\n", false],
    ['src/widget/element/x.ts', "import { html } from 'lit';\n", false],
    ['src/server/x.ts', "import { catalogEntry } from '../domain/catalog/index.js';\n", false],
    ['src/server/x.ts', "import { Hono } from 'hono';\n", false],
    ['src/server-sdk/x.ts', "import { resultClaims } from '../protocol/sessions.js';\n", false],
    ['src/server-sdk/x.ts', "import { jwtVerify } from 'jose';\n", false],
  ];
  for (const [file, code, refused] of cases) {
    it(`${refused ? 'refuses' : 'allows'} ${code.trim()} in ${file}`, async () => {
      const name = /\{ (\w+) \}/.exec(code)?.[1];
      const messages = await restrictedImports(file, name === undefined ? code : `${code}export const used = [${name}];\n`);
      if (refused) assert.equal(messages.length, 1, `expected one restricted-import error, got ${JSON.stringify(messages)}`);
      else assert.deepEqual(messages, []);
    });
  }
});
