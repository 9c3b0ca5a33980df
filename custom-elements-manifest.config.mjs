/**
 * `npm run analyze`: custom-elements.json from the elements' JSDoc headers (Lit-aware), read by
 * Storybook's autodocs and by editors. Written to the package root, where package.json's
 * `customElements` points; `packagejson: false` so that the analyzer never rewrites package.json.
 */

/**
 * The elements are registered by `defineMynaFetchElements()` through `registry.define(tag, Class)`,
 * which the analyzer does not recognise (it looks for `customElements.define`): record those calls
 * as the tag names and custom-element definitions.
 */
function registryDefinitions() {
  const tags = new Map();
  return {
    name: 'myna-registry-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      if (node.expression.name.text !== 'define') return;
      const [tag, constructor] = node.arguments;
      if (!tag || !constructor || !ts.isStringLiteral(tag) || !ts.isIdentifier(constructor)) return;
      tags.set(constructor.text, { tag: tag.text, module: moduleDoc.path });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          const definition = tags.get(declaration.name);
          if (!definition || declaration.kind !== 'class') continue;
          declaration.tagName = definition.tag;
          declaration.customElement = true;
          const definer = customElementsManifest.modules.find((candidate) => candidate.path === definition.module);
          definer.exports ??= [];
          if (!definer.exports.some((entry) => entry.kind === 'custom-element-definition' && entry.name === definition.tag)) {
            definer.exports.push({
              kind: 'custom-element-definition',
              name: definition.tag,
              declaration: { name: declaration.name, module: module.path },
            });
          }
        }
      }
    },
  };
}

const STATES_PROSE = /\s*Custom states \(`:state\(\.\.\.\)`\):\s*([\w\s,-]+?)\.\s*$/;

/**
 * Tidies what the JSDoc header's layout gives the analyzer:
 * - the closing "Custom states (`:state(...)`): idle, …" paragraph lands in the description of the
 *   last `@cssproperty`; it becomes `cssStates` (tags written as `@cssstate name - …` work as well);
 * - `this.dispatchEvent(new SomeEvent(…))` adds an event without a name next to the `@event` tags.
 */
function tidyElementDocs() {
  return {
    name: 'myna-tidy-element-docs',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          for (const item of [declaration, ...(declaration.cssProperties ?? [])]) {
            const match = STATES_PROSE.exec(item.description ?? '');
            if (!match) continue;
            item.description = item.description.slice(0, match.index);
            const known = new Set((declaration.cssStates ?? []).map((state) => state.name));
            const names = match[1].split(',').map((name) => name.trim()).filter((name) => name && !known.has(name));
            declaration.cssStates = [
              ...(declaration.cssStates ?? []),
              ...names.map((name) => ({ name, description: `The element is in its \`${name}\` phase (see the \`myna-fetch-state\` event).` })),
            ];
          }
        }
      }
    },
  };
}

export default {
  globs: [
    'src/element/myna-fetch-button.ts',
    'src/element/myna-fetch-config.ts',
    'src/element/define.ts',
    'src/week-view/myna-availability-week.ts',
    'src/week-view/define.ts',
  ],
  outdir: '',
  litelement: true,
  packagejson: false,
  plugins: [registryDefinitions(), tidyElementDocs()],
};
