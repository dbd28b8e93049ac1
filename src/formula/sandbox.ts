/**
 * The restricted mathjs instance the formula language parses with. mathjs is used for parsing only: a full
 * instance exposes `import`, `createUnit`, `config`, units, matrices and evaluation to whoever writes the
 * formula, and computes in binary floating point (see `compile.ts`).
 * @module
 */
import { create, parseDependencies, type FactoryFunctionMap } from 'mathjs/number';

// Only the parser's own dependencies are loaded: no arithmetic, units, matrices or evaluation functions.
const math = create({ parseDependencies } as FactoryFunctionMap);
/** mathjs's parser, kept before shadowing: after the import below, `math.parse` is the disabled stub. */
export const parseExpression = math.parse;

function disabled(name: string): () => never {
  return () => {
    throw new Error(`Function ${name} is disabled`);
  };
}

// Formulas are never evaluated by mathjs, so these stubs are a second wall: should a future change ever
// evaluate a tree, the functions that can reconfigure or extend the instance are not reachable from a formula.
// `typed` must stay: shadowing it breaks every typed function of the instance.
math.import(
  {
    import: disabled('import'),
    createUnit: disabled('createUnit'),
    evaluate: disabled('evaluate'),
    parse: disabled('parse'),
    compile: disabled('compile'),
    config: disabled('config'),
    simplify: disabled('simplify'),
    derivative: disabled('derivative'),
    resolve: disabled('resolve'),
    reviver: disabled('reviver'),
  },
  { override: true },
);
