import { join } from 'node:path';

import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';

import { layersPlugin } from '../../scripts/eslint-layers.mjs';
import { REPO_ROOT } from '../helpers/repo';

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const file = (path: string) => join(REPO_ROOT, 'src-main', path);

describe('the layer rule', () => {
  it('judges imports by the folder they resolve to, not by words in the specifier', () => {
    tester.run('imports-downward', layersPlugin.rules['imports-downward']!, {
      valid: [
        // domain/data/… is the domain layer, which storage may import (a specifier glob took it for data/).
        { code: "import { x } from '../domain/data/wvs-bank';", filename: file('storage/repo.ts') },
        { code: "import { x } from './sibling';", filename: file('runner/a.ts') },
        { code: "import { z } from 'zod';", filename: file('contract/index.ts') },
      ],
      invalid: [
        {
          code: "import { x } from '../storage/repo';",
          filename: file('domain/a.ts'),
          errors: [{ message: /Layer 'domain' may not import 'storage'/ }],
        },
        {
          code: "export { x } from '../../runner/attribution/lexical-profiles';",
          filename: file('contract/x/attribution.ts'),
          errors: [{ message: /Layer 'contract' may not import 'runner'/ }],
        },
        {
          code: "const m = import('../app/services');",
          filename: file('storage/a.ts'),
          errors: [{ message: /Layer 'storage' may not import 'app'/ }],
        },
      ],
    });
  });
});
