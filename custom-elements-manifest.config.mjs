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

/**
 * `this.dispatchEvent(new SomeEvent(…))` adds an event without a name next to the `@event` tags;
 * the `@event` tags are the documentation, so the nameless one goes.
 */
function dropNamelessEvents() {
  return {
    name: 'myna-drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind === 'class' && declaration.events) declaration.events = declaration.events.filter((event) => event.name);
        }
      }
    },
  };
}

export default {
  globs: [
    'src/widget/element/myna-fetch-button.ts',
    'src/widget/element/myna-fetch-config.ts',
    'src/widget/element/define.ts',
    'src/widget/week-view/myna-availability-week.ts',
    'src/widget/week-view/define.ts',
  ],
  outdir: '',
  litelement: true,
  packagejson: false,
  plugins: [registryDefinitions(), dropNamelessEvents()],
};
