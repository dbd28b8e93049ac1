// @ts-check
/**
 * A TypeDoc plugin for this repository: an exported zod schema (`CriteriaSetSchema`, `CasesSchema`…) is shown
 * as `ZodType`, not as zod's internal generic types expanded in full. Those expansions list zod's own
 * bookkeeping (an enum's value map, a transform's inline output) as "properties" that no doc comment can reach,
 * and they say nothing a reader needs: what a schema accepts is documented on the schema itself, on the
 * `…Data` type it validates, and in the JSON Schemas of `schema/`. Nothing else changes: every other name is
 * converted and checked as TypeDoc does.
 *
 * Loaded by typedoc.json ("plugin"); `tests/project/typedoc.test.ts` runs TypeDoc with it and fails on any warning.
 */
import { Converter, makeRecursiveVisitor, ReferenceType, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Variable) || !reflection.type) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return;
    // zod 4 schemas, and only they, carry the `_zod` internals property.
    if (!context.checker.getTypeOfSymbolAtLocation(symbol, declaration).getProperty('_zod')) return;
    // The expansion already made reflections for zod's inner types: remove them with it, or they would still be
    // listed (and validated) as orphans.
    reflection.type.visit(makeRecursiveVisitor({ reflection: (t) => context.project.removeReflection(t.declaration) }));
    reflection.type = ReferenceType.createBrokenReference('ZodType', context.project, 'zod');
  });
}
