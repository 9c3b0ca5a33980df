/** The parts of a custom elements manifest (schema 2.x) that Storybook reads. */
interface Item {
  name?: string;
  description?: string;
  summary?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  fieldName?: string;
}

interface Declaration extends Item {
  tagName?: string;
  customElement?: boolean;
  members?: Item[];
  attributes?: Item[];
  events?: Item[];
  cssStates?: Item[];
}

export interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: Declaration[] }[];
}

const list = (items: Item[], name: string) => items.map((item) => `\`${item[name as keyof Item] as string}\``).join(', ');

/**
 * What autodocs shows of custom-elements.json: public API only. Storybook lists every member the
 * analyzer found, private ones included, and a property twice when it also has an attribute; it
 * shows `description` but not `summary`, and nothing of `cssStates`. The manifest file itself stays
 * as the analyzer wrote it.
 */
export function storybookManifest(manifest: Manifest): Manifest {
  return {
    ...manifest,
    modules: manifest.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) => {
        if (!declaration.customElement) return declaration;
        const attributeFields = new Set((declaration.attributes ?? []).map((attribute) => attribute.fieldName));
        const states = declaration.cssStates ?? [];
        const description = [
          declaration.description || declaration.summary || '',
          states.length > 0 ? `Custom states (\`:state(...)\`): ${list(states, 'name')}.` : '',
        ]
          .filter(Boolean)
          .join('\n\n');
        return {
          ...declaration,
          description,
          members: (declaration.members ?? []).filter(
            (member) => !member.static && (member.privacy ?? 'public') === 'public' && !attributeFields.has(member.name),
          ),
          events: (declaration.events ?? []).filter((event) => event.name),
        };
      }),
    })),
  };
}
